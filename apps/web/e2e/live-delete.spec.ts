import { createPost, deletePost, expect, freshEmail, openLive, signInWithEmail, test, windowStillMarked } from "./fixtures";

test.describe("13. a deleted post, live", () => {
  test("a post its author deletes disappears from another browser's feed and from its waiting posts, without a reload", async ({
    page,
    app,
    otherBrowser,
    snap,
  }) => {
    const author = await otherBrowser();
    await signInWithEmail(author, app, freshEmail("live-deleter"));
    const listed = `Soon deleted ${Date.now()}`;
    await createPost(author, listed);
    await expect(author.getByTestId("post").first()).toContainText(listed);

    // An anonymous reader: the feed's stream is public.
    await openLive(page, "/", "post.onChange");
    const item = page.getByTestId("post").filter({ hasText: listed });
    await expect(item).toBeVisible();

    await deletePost(author, listed);
    await expect(item).toHaveCount(0);
    await snap("gone");

    const waiting = `Deleted while waiting ${Date.now()}`;
    await createPost(author, waiting);
    const notice = page.getByRole("button", { name: "1 new post" });
    await expect(notice).toBeVisible();
    await deletePost(author, waiting);
    await expect(notice).toHaveCount(0);
    await expect(page.getByTestId("post").filter({ hasText: waiting })).toHaveCount(0);
    expect(await windowStillMarked(page)).toBe(true);
  });
});
