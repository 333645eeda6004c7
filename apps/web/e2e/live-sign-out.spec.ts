import { expect, freshEmail, header, openLive, signInWithEmail, test, windowStillMarked } from "./fixtures";

const FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

test.describe("14. sessions, live", () => {
  test("a browser whose session is revoked from another shows it is signed out, and why, within 2 s, without a reload", async ({
    page,
    app,
    otherBrowser,
    snap,
  }) => {
    const email = freshEmail("revoked-live");
    const other = await otherBrowser();
    await signInWithEmail(other, app, email);
    await openLive(other, "/", "account.onSessionEvent");
    await expect(other.getByLabel("Title")).toBeVisible();

    await signInWithEmail(page, app, email);
    await page.goto("/account");
    await expect(page.getByTestId("session")).toHaveCount(2);
    await page.getByRole("button", { name: "Sign out this session" }).click();
    const revokedAt = Date.now();

    const notice = other.getByRole("status").filter({ hasText: "this session was ended from another device" });
    await expect(notice).toBeVisible({ timeout: 2_000 });
    expect(Date.now() - revokedAt).toBeLessThan(2_000);
    // The server components rendered again as signed out: the header offers sign-in, the form is gone.
    await expect(header(other).getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(other.getByLabel("Title")).toHaveCount(0);
    await expect(notice).toBeVisible();
    expect(await windowStillMarked(other)).toBe(true);
    await snap("signed-out-elsewhere", other);
  });

  test("a sessions page left open drops a session revoked from another browser, without a reload", async ({ page, app, otherBrowser }) => {
    const email = freshEmail("watching-sessions");
    // Told apart on the sessions page by its browser's name.
    await signInWithEmail(await otherBrowser({ userAgent: FIREFOX }), app, email);
    const revoker = await otherBrowser();
    await signInWithEmail(revoker, app, email);
    await signInWithEmail(page, app, email);
    await openLive(page, "/account", "account.onSessionEvent");
    await expect(page.getByTestId("session")).toHaveCount(3);
    await expect(page.getByTestId("session").filter({ hasText: "Firefox" })).toHaveCount(1);

    await revoker.goto("/account");
    await revoker.getByTestId("session").filter({ hasText: "Firefox" }).getByRole("button", { name: "Sign out this session" }).click();
    await expect(page.getByTestId("session")).toHaveCount(2);
    await expect(page.getByTestId("session").filter({ hasText: "Firefox" })).toHaveCount(0);
    expect(await windowStillMarked(page)).toBe(true);
  });
});
