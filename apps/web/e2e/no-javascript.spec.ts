import type { Browser } from "@playwright/test";

import type { AuthApp } from "../test/harness/auth-app";
import { createPost, expect, freshEmail, header, signInWithEmail, test } from "./fixtures";

/** A browser with JavaScript off, signed in (sign-in itself happens with JavaScript). */
async function signedInWithoutJavaScript(browser: Browser, baseURL: string | undefined, app: AuthApp) {
  const email = freshEmail("nojs");
  const withJs = await browser.newContext({ baseURL });
  await signInWithEmail(await withJs.newPage(), app, email);
  const storageState = await withJs.storageState();
  await withJs.close();
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState });
  const page = await context.newPage();
  await page.goto("/");
  await expect(header(page).getByTestId("user-name")).toHaveText(email);
  return { context, page, email };
}

test.describe("9. forms without JavaScript (server actions)", () => {
  test("create: a valid post is saved and shown after the round trip", async ({ browser, baseURL, app, snap }) => {
    const { context, page } = await signedInWithoutJavaScript(browser, baseURL, app);
    const title = `No JS ${Date.now()}`;
    await createPost(page, title, "A plain HTML form post.");
    await expect(page.getByTestId("post").first()).toContainText(title);
    expect(await app.db.post.count({ where: { title } })).toBe(1);
    await snap("created", page);
    await context.close();
  });

  test("create: invalid input comes back rendered by the server, next to the fields, text kept", async ({
    browser,
    baseURL,
    app,
    snap,
  }) => {
    const { context, page } = await signedInWithoutJavaScript(browser, baseURL, app);
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
    await context.close();
  });

  test("delete: the own post is gone after the round trip", async ({ browser, baseURL, app }) => {
    const { context, page, email } = await signedInWithoutJavaScript(browser, baseURL, app);
    const user = await app.db.user.findUniqueOrThrow({ where: { email } });
    const post = await app.db.post.create({ data: { authorId: user.id, title: `Bye ${Date.now()}`, content: "x" } });
    await app.refreshFeed();
    await page.reload();
    const item = page.getByTestId("post").filter({ hasText: post.title });
    await item.getByRole("button", { name: /^Delete/ }).click();
    await expect(page.getByTestId("post").filter({ hasText: post.title })).toHaveCount(0);
    expect(await app.db.post.findUnique({ where: { id: post.id } })).toBeNull();
    await context.close();
  });

  test("an anonymous submission writes nothing and is sent to sign in", async ({ browser, baseURL, app }) => {
    const { context, page } = await signedInWithoutJavaScript(browser, baseURL, app);
    const before = await app.db.post.count();
    await context.clearCookies(); // the form is on screen, the session is not
    await createPost(page, "Should not exist", "Nobody is signed in.");
    await expect(page).toHaveURL(/\/auth\/signin/);
    expect(await app.db.post.count()).toBe(before);
    await context.close();
  });
});
