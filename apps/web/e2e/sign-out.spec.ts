import { createPost, deletePost, expect, freshEmail, header, onServerAction, signInWithEmail, test } from "./fixtures";

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

  test("a post deleted just before signing out stays deleted: sign-out waits for the delete", async ({ page, app }) => {
    await signInWithEmail(page, app, freshEmail("hasty"));
    const title = `Deleted in a hurry ${Date.now()}`;
    await createPost(page, title);
    const item = page.getByTestId("post").filter({ hasText: title });
    // The delete (a server action: a POST with a Next-Action header) takes a second to reach the server, so the
    // sign-out's navigation, were it not to wait, would cut it off.
    await onServerAction(page, async (route) => {
      await page.waitForTimeout(1_000);
      await route.fallback();
    });
    await deletePost(page, title);
    await expect(item).toHaveCount(0);
    await header(page).getByRole("button", { name: "Sign out" }).click();
    await expect(header(page).getByRole("button", { name: "Sign in" })).toBeVisible();
    expect(await app.db.post.count({ where: { title } })).toBe(0);
  });
});
