import { createPost, expect, freshEmail, markWindow, onServerAction, signInWithEmail, test, windowStillMarked } from "./fixtures";

test.describe("3. create a post", () => {
  test.beforeEach(async ({ page, app }) => {
    await signInWithEmail(page, app, freshEmail("writer"));
  });

  test("it appears at the top without a reload and survives one", async ({ page, snap }) => {
    const title = `Fresh post ${Date.now()}`;
    await markWindow(page);
    await createPost(page, title, "Written in a real browser.");
    await expect(page.getByTestId("post").first()).toContainText(title);
    await expect(page.getByLabel("Title")).toHaveValue("");
    expect(await windowStillMarked(page)).toBe(true);
    await snap("created");
    await page.reload();
    await expect(page.getByTestId("post").first()).toContainText(title);
  });

  test("the form shows its pending state while the server action runs", async ({ page }) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await onServerAction(page, async (route) => {
      await held;
      await route.continue();
    });
    await createPost(page, `Pending ${Date.now()}`, "Wait for it.");
    await expect(page.getByRole("button", { name: "Posting…" })).toBeDisabled();
    release();
    await expect(page.getByRole("button", { name: "Post", exact: true })).toBeEnabled();
  });

  test("a too-long title shows the server's message next to the field and posts nothing", async ({ page, app, snap }) => {
    const before = await app.db.post.count();
    await createPost(page, "x".repeat(121), "Too long a title.");
    const title = page.getByLabel("Title");
    await expect(title).toHaveAttribute("aria-invalid", "true");
    const errorId = await title.getAttribute("aria-describedby");
    await expect(page.locator(`[id="${errorId}"]`)).toHaveText("Title must be at most 120 characters.");
    expect(await app.db.post.count()).toBe(before);
    await snap("validation-error");
  });
});
