import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect, freshEmail, openMagicLink, signInWithEmail, tabTo, test } from "./fixtures";

/** Serious and critical axe-core violations on the current page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe("8. accessibility", () => {
  test("no serious or critical axe-core violations on any page", async ({ page, app, snap }) => {
    const anonymousPages = ["/", "/auth/signin", "/auth/verify-request", "/auth/error?error=Verification"];
    for (const path of anonymousPages) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), path).toEqual([]);
      await snap(`anonymous ${path}`);
    }
    const email = freshEmail("a11y-admin");
    await signInWithEmail(page, app, email);
    await app.db.user.update({ where: { email }, data: { role: "ADMIN" } });
    for (const path of ["/", "/account", "/admin"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page), path).toEqual([]);
      await snap(`admin ${path}`);
    }
  });

  test("sign in, create and delete by keyboard alone", async ({ page, app, snap }) => {
    const email = freshEmail("keyboard");
    await page.goto("/auth/signin");
    const emailField = page.getByLabel("Email address");
    await tabTo(page, emailField);
    await page.keyboard.type(email);
    await page.keyboard.press("Enter");
    await openMagicLink(page, app, email, 0);

    const title = `Typed ${Date.now()}`;
    await tabTo(page, page.getByLabel("Title"));
    await page.keyboard.type(title);
    await page.keyboard.press("Tab");
    await page.keyboard.type("No mouse was used.");
    await tabTo(page, page.getByRole("button", { name: "Post", exact: true }));
    await page.keyboard.press("Enter");
    const item = page.getByTestId("post").filter({ hasText: title });
    await expect(item).toBeVisible();
    await snap("created-by-keyboard");

    await tabTo(page, item.getByRole("button", { name: /^Delete/ }));
    await page.keyboard.press("Enter");
    await expect(item).toHaveCount(0);
    await expect.poll(() => app.db.post.count({ where: { title } })).toBe(0);
  });
});
