import { expect, freshEmail, onServerAction, signInWithEmail, test } from "./fixtures";

test.describe("3. create a post", () => {
  test.beforeEach(async ({ page, app }) => {
    await signInWithEmail(page, app, freshEmail("writer"));
  });

  test("it appears at the top without a reload and survives one", async ({ page, snap }) => {
    const title = `Fresh post ${Date.now()}`;
    // A marker on window disappears with a full page load: proof that none happened.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Content").fill("Written in a real browser.");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await expect(page.getByTestId("post").first()).toContainText(title);
    await expect(page.getByLabel("Title")).toHaveValue("");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
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
    await page.getByLabel("Title").fill(`Pending ${Date.now()}`);
    await page.getByLabel("Content").fill("Wait for it.");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await expect(page.getByRole("button", { name: "Posting…" })).toBeDisabled();
    release();
    await expect(page.getByRole("button", { name: "Post", exact: true })).toBeEnabled();
  });

  test("a too-long title shows the server's message next to the field and posts nothing", async ({ page, app, snap }) => {
    const before = await app.db.post.count();
    await page.getByLabel("Title").fill("x".repeat(121));
    await page.getByLabel("Content").fill("Too long a title.");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    const title = page.getByLabel("Title");
    await expect(title).toHaveAttribute("aria-invalid", "true");
    const errorId = await title.getAttribute("aria-describedby");
    await expect(page.locator(`[id="${errorId}"]`)).toHaveText("Title must be at most 120 characters.");
    expect(await app.db.post.count()).toBe(before);
    await snap("validation-error");
  });
});
