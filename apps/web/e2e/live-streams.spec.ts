import { expect, freshEmail, signInWithEmail, test } from "./fixtures";

// Over HTTP/1.1 a browser has six connections per origin, shared by all its tabs, and each open stream holds one.
const STREAMS_BY_PAGE = {
  "/": ["account.onSessionEvent", "post.onChange"],
  "/admin": ["account.onSessionEvent", "admin.onStats"],
  "/account": ["account.onSessionEvent"],
};

test.describe("17. streams per page", () => {
  test("a signed-in page opens two streams at most, and only those it shows", async ({ page, app }) => {
    const email = freshEmail("streams-admin");
    await app.db.user.create({ data: { email, role: "ADMIN" } });
    await signInWithEmail(page, app, email);
    const opened: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "eventsource") opened.push(new URL(request.url()).pathname.replace("/api/trpc/", ""));
    });
    for (const [path, streams] of Object.entries(STREAMS_BY_PAGE)) {
      // From a blank page: a stream the previous page opened late (the sign-in's landing page too) is not counted here.
      await page.goto("about:blank");
      opened.length = 0;
      await page.goto(path);
      await expect.poll(() => opened.toSorted()).toEqual(streams);
      // Time for one more to show up, if the page opened more.
      await page.waitForTimeout(1_000);
      expect(opened.toSorted(), path).toEqual(streams);
    }
  });
});
