import { expect, freshEmail, header, signInWithEmail, test } from "./fixtures";

test.describe("7. sign out", () => {
  test("the header shows Sign in, protected data is gone, and Back does not bring it back", async ({ page, app, snap }) => {
    const email = freshEmail("leaver");
    await signInWithEmail(page, app, email);
    await header(page)
      .getByRole("link", { name: /Account/ })
      .click();
    await expect(page.getByRole("heading", { name: "Active sessions" })).toBeVisible();

    await header(page).getByRole("button", { name: "Sign out" }).click();
    await expect(header(page).getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveCount(0);
    expect(await app.db.session.count({ where: { user: { email } } })).toBe(0);
    await snap("signed-out");

    await page.goBack();
    await expect(page.getByRole("heading", { name: "Active sessions" })).toHaveCount(0);
    await expect(page.getByText(email)).toHaveCount(0);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/auth\/signin/);
  });
});
