import { expect, freshEmail, header, signInWithEmail, test } from "./fixtures";

test.describe("6. sessions page", () => {
  test("signed in from two browsers, one signs the other out; the other is anonymous on its next page", async ({
    page,
    app,
    otherBrowser,
    snap,
  }) => {
    const email = freshEmail("two-browsers");
    const otherPage = await otherBrowser();
    await signInWithEmail(otherPage, app, email);
    await signInWithEmail(page, app, email);

    await page.goto("/account");
    await expect(page.getByTestId("session")).toHaveCount(2);
    await expect(page.getByTestId("session").filter({ hasText: "current" })).toHaveCount(1);
    await snap("two-sessions");
    await page.getByRole("button", { name: "Sign out this session" }).click();
    await expect(page.getByTestId("session")).toHaveCount(1);
    await snap("one-session");

    await otherPage.goto("/");
    await expect(header(otherPage).getByRole("button", { name: "Sign in" })).toBeVisible();
    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/auth\/signin/);
    // The revoking browser is still signed in.
    await page.reload();
    await expect(header(page).getByTestId("user-name")).toHaveText(email);
  });

  test("sign out all other sessions", async ({ page, app, otherBrowser }) => {
    const email = freshEmail("many-browsers");
    const others = [await otherBrowser(), await otherBrowser()];
    for (const otherPage of others) await signInWithEmail(otherPage, app, email);
    await signInWithEmail(page, app, email);
    await page.goto("/account");
    await expect(page.getByTestId("session")).toHaveCount(3);
    await page.getByRole("button", { name: /Sign out all other sessions/ }).click();
    await expect(page.getByTestId("session")).toHaveCount(1);
    for (const otherPage of others) {
      await otherPage.goto("/");
      await expect(header(otherPage).getByRole("button", { name: "Sign in" })).toBeVisible();
    }
  });
});
