import { expect, header, test } from "./fixtures";

test.describe("1. anonymous visitor", () => {
  test.beforeAll(async ({ app }) => {
    const author = await app.db.user.create({ data: { email: "author@example.test", name: "Ann Author" } });
    await app.db.post.create({ data: { authorId: author.id, title: "Server-rendered hello", content: "Seen before JavaScript." } });
    await app.refreshFeed();
  });

  test("sees the server-rendered feed before any JavaScript, a Sign in button and no create form", async ({ otherBrowser, snap }) => {
    const page = await otherBrowser({ javaScriptEnabled: false });
    await page.goto("/");
    await expect(page.getByTestId("post").filter({ hasText: "Server-rendered hello" })).toBeVisible();
    await expect(header(page).getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveCount(0);
    await snap("no-javascript", page);
  });

  test("with JavaScript too, and the admin page is refused", async ({ page, snap }) => {
    await page.goto("/");
    await expect(page.getByTestId("post").first()).toBeVisible();
    await expect(page.getByText("Sign in to write posts.")).toBeVisible();
    await snap("feed");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/auth\/signin\?callbackUrl=/);
    await expect(page.getByRole("heading", { name: "Admin" })).toHaveCount(0);
    await snap("admin-refused");
  });
});
