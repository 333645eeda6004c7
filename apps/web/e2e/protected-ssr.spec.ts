import { expect, freshEmail, signInWithEmail, test } from "./fixtures";

test.describe("5. signed-in server rendering", () => {
  test("a page fed by a protected procedure has its data in the first HTML and does not refetch it", async ({ page, app, snap }) => {
    await signInWithEmail(page, app, freshEmail("ssr"));
    // The first HTML, with this browser's cookies, before any JavaScript.
    const html = await (await page.request.get("/account")).text();
    expect(html).toContain("Active sessions");
    expect(html).toContain("This browser");
    expect(html).not.toContain("UNAUTHORIZED");

    const trpcCalls: string[] = [];
    page.on("request", (request) => {
      // The page's session stream (an EventSource) is a subscription, not a refetch of the data.
      if (request.url().includes("/api/trpc/") && request.resourceType() !== "eventsource") trpcCalls.push(request.url());
    });
    await page.goto("/account");
    await expect(page.getByTestId("session")).toHaveCount(1);
    await page.waitForLoadState("networkidle");
    expect(trpcCalls).toEqual([]);
    await snap("account");
  });
});
