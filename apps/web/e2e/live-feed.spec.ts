import { createPost, expect, freshEmail, openLive, signInWithEmail, test, windowStillMarked } from "./fixtures";

test.describe("12. the feed, live", () => {
  test("another person's new posts wait behind a polite notice and are revealed at the top without a reload; one's own appear once", async ({
    page,
    app,
    otherBrowser,
    snap,
  }) => {
    const writer = await otherBrowser();
    await signInWithEmail(writer, app, freshEmail("live-writer"));
    await signInWithEmail(page, app, freshEmail("live-reader"));
    await openLive(page, "/", "post.onChange");
    const notice = page.getByRole("button", { name: /new posts?$/ });
    await expect(notice).toHaveCount(0);

    const first = `Live one ${Date.now()}`;
    await createPost(writer, first);
    await expect(notice).toHaveText("1 new post");
    await expect(page.locator('[aria-live="polite"]').filter({ has: notice })).toHaveCount(1);
    // Waiting, not shown: nothing moved under the reader's eyes.
    await expect(page.getByTestId("post").filter({ hasText: first })).toHaveCount(0);
    const second = `Live two ${Date.now()}`;
    await createPost(writer, second);
    await expect(notice).toHaveText("2 new posts");
    await snap("notice");

    await notice.click();
    await expect(notice).toHaveCount(0);
    await expect(page.getByTestId("post").nth(0)).toContainText(second);
    await expect(page.getByTestId("post").nth(1)).toContainText(first);
    await expect(page.getByRole("heading", { name: "Latest posts" })).toBeFocused();
    await snap("revealed");

    // The reader's own post: at the top at once, never behind the notice, never twice.
    const own = `Mine ${Date.now()}`;
    await createPost(page, own);
    await expect(page.getByTestId("post").first()).toContainText(own);
    // The writer's stream has it, so the reader's has had time to bring it too.
    await expect(writer.getByRole("button", { name: "1 new post" })).toBeVisible();
    await expect(page.getByTestId("post").filter({ hasText: own })).toHaveCount(1);
    await expect(notice).toHaveCount(0);
    for (const title of [first, second]) await expect(page.getByTestId("post").filter({ hasText: title })).toHaveCount(1);
    expect(await windowStillMarked(page)).toBe(true);
  });
});
