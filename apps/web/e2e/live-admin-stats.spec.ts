import type { Page } from "@playwright/test";

import { createPost, expect, freshEmail, openLive, signInWithEmail, test, windowStillMarked } from "./fixtures";

/** A count on the admin page, as shown. */
const shown = async (page: Page, label: string) => Number(await page.getByTestId(`stat-${label}`).textContent());

test.describe("15. admin counts, live", () => {
  test("an open admin page counts a new user, their session and their post as they happen, without a reload", async ({
    page,
    app,
    otherBrowser,
    snap,
  }) => {
    const adminEmail = freshEmail("live-admin");
    await app.db.user.create({ data: { email: adminEmail, role: "ADMIN" } });
    await signInWithEmail(page, app, adminEmail);
    await openLive(page, "/admin", "admin.onStats");
    const [users, sessions, posts] = [await shown(page, "Users"), await shown(page, "Active sessions"), await shown(page, "Posts")];
    await snap("before");

    const writer = await otherBrowser();
    await signInWithEmail(writer, app, freshEmail("counted"));
    await expect(page.getByTestId("stat-Users")).toHaveText(String(users + 1));
    await expect(page.getByTestId("stat-Active sessions")).toHaveText(String(sessions + 1));
    await expect(page.getByTestId("stat-Posts")).toHaveText(String(posts));

    await createPost(writer, `Counted ${Date.now()}`);
    await expect(page.getByTestId("stat-Posts")).toHaveText(String(posts + 1));
    expect(await windowStillMarked(page)).toBe(true);
    await snap("after");
  });
});
