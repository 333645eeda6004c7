import type { AuthApp } from "../test/harness/auth-app";
import { createPost, expect, freshEmail, header, signInWithEmail, test, type OtherBrowser } from "./fixtures";

/** A browser with JavaScript off, signed in (sign-in itself happens with JavaScript). */
async function signedInWithoutJavaScript(otherBrowser: OtherBrowser, app: AuthApp) {
  const email = freshEmail("nojs");
  const withJs = await otherBrowser();
  await signInWithEmail(withJs, app, email);
  const storageState = await withJs.context().storageState();
  const page = await otherBrowser({ javaScriptEnabled: false, storageState });
  await page.goto("/");
  await expect(header(page).getByTestId("user-name")).toHaveText(email);
  return { page, email };
}

test.describe("9. forms without JavaScript (server actions)", () => {
  test("create: a valid post is saved and shown after the round trip", async ({ app, otherBrowser, snap }) => {
    const { page } = await signedInWithoutJavaScript(otherBrowser, app);
    const title = `No JS ${Date.now()}`;
    await createPost(page, title, "A plain HTML form post.");
    await expect(page.getByTestId("post").first()).toContainText(title);
    expect(await app.db.post.count({ where: { title } })).toBe(1);
    await snap("created", page);
  });

  test("create: invalid input comes back rendered by the server, next to the fields, text kept", async ({ app, otherBrowser, snap }) => {
    const { page } = await signedInWithoutJavaScript(otherBrowser, app);
    const before = await app.db.post.count();
    await createPost(page, "t".repeat(121), "   ");
    const title = page.getByLabel("Title");
    await expect(page.locator(`[id="${await title.getAttribute("aria-describedby")}"]`)).toHaveText(
      "Title must be at most 120 characters.",
    );
    const content = page.getByLabel("Content");
    await expect(page.locator(`[id="${await content.getAttribute("aria-describedby")}"]`)).toHaveText("Content is required.");
    await expect(title).toHaveValue("t".repeat(121));
    expect(await app.db.post.count()).toBe(before);
    await snap("invalid", page);
  });

  test("delete: the own post is gone after the round trip", async ({ app, otherBrowser }) => {
    const { page, email } = await signedInWithoutJavaScript(otherBrowser, app);
    const user = await app.db.user.findUniqueOrThrow({ where: { email } });
    const post = await app.db.post.create({ data: { authorId: user.id, title: `Bye ${Date.now()}`, content: "x" } });
    await app.refreshFeed();
    await page.reload();
    const item = page.getByTestId("post").filter({ hasText: post.title });
    await item.getByRole("button", { name: /^Delete/ }).click();
    await expect(page.getByTestId("post").filter({ hasText: post.title })).toHaveCount(0);
    expect(await app.db.post.findUnique({ where: { id: post.id } })).toBeNull();
  });

  test("an anonymous submission writes nothing and is sent to sign in", async ({ app, otherBrowser }) => {
    const { page } = await signedInWithoutJavaScript(otherBrowser, app);
    const before = await app.db.post.count();
    await page.context().clearCookies(); // the form is on screen, the session is not
    await createPost(page, "Should not exist", "Nobody is signed in.");
    await expect(page).toHaveURL(/\/auth\/signin/);
    expect(await app.db.post.count()).toBe(before);
  });
});
