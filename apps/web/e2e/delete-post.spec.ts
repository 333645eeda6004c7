import type { Page } from "@playwright/test";

import { expect, freshEmail, isServerAction, onServerAction, signInWithEmail, test } from "./fixtures";

async function signInWithPost(page: Page, app: Parameters<typeof signInWithEmail>[1], title: string) {
  const email = freshEmail("deleter");
  await signInWithEmail(page, app, email);
  const user = await app.db.user.findUniqueOrThrow({ where: { email } });
  const post = await app.db.post.create({ data: { authorId: user.id, title, content: "Soon gone." } });
  await app.refreshFeed();
  await page.reload();
  const item = page.getByTestId("post").filter({ hasText: title });
  await expect(item).toBeVisible();
  return { post, item };
}

test.describe("4. delete own post", () => {
  test("it disappears at once (before the server answers) and stays gone", async ({ page, app, snap }) => {
    const { post, item } = await signInWithPost(page, app, `Delete me ${Date.now()}`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await onServerAction(page, async (route) => {
      await held; // the server has not even seen the request yet
      await route.continue();
    });
    await item.getByRole("button", { name: /^Delete/ }).click();
    await expect(item).toHaveCount(0);
    await snap("optimistic");
    const response = page.waitForResponse((res) => isServerAction(res.request()));
    release();
    expect((await response).status()).toBe(200);
    await expect.poll(() => app.db.post.findUnique({ where: { id: post.id } })).toBeNull();
    await page.reload();
    await expect(page.getByTestId("post").filter({ hasText: post.title })).toHaveCount(0);
  });

  test("when the server refuses (another user's post forced through the API), it comes back with an error", async ({ page, app, snap }) => {
    const { item } = await signInWithPost(page, app, `Keep me ${Date.now()}`);
    const stranger = await app.db.user.create({ data: { email: freshEmail("stranger") } });
    const theirs = await app.db.post.create({ data: { authorId: stranger.id, title: "Not yours", content: "x" } });
    // Forge the form: the server is asked to delete someone else's post.
    await item.locator('input[name="id"]').evaluate((input: HTMLInputElement, id) => (input.value = id), theirs.id);
    await item.getByRole("button", { name: /^Delete/ }).click();
    await expect(page.getByRole("alert").filter({ hasText: "You can only delete your own posts." })).toBeVisible();
    await expect(item).toBeVisible();
    expect(await app.db.post.findUnique({ where: { id: theirs.id } })).not.toBeNull();
    await snap("refused");
  });

  test("when the server cannot be reached, it comes back with an error", async ({ page, app, snap }) => {
    const { post, item } = await signInWithPost(page, app, `Offline ${Date.now()}`);
    await onServerAction(page, (route) => route.abort("connectionrefused"));
    await item.getByRole("button", { name: /^Delete/ }).click();
    await expect(page.getByRole("alert").filter({ hasText: "the server could not be reached" })).toBeVisible();
    await expect(item).toBeVisible();
    expect(await app.db.post.findUnique({ where: { id: post.id } })).not.toBeNull();
    await snap("unreachable");
  });
});
