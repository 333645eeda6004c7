import { expect, freshEmail, header, openLive, signInWithEmail, test, windowStillMarked } from "./fixtures";

test.describe("16. account changes, live", () => {
  test("an open page takes a new role and a disabled account from an admin at once, without a reload", async ({
    page,
    app,
    otherBrowser,
    snap,
  }) => {
    const memberEmail = freshEmail("promoted-live");
    const member = await otherBrowser();
    await signInWithEmail(member, app, memberEmail);
    await openLive(member, "/", "account.onSessionEvent");
    await expect(header(member).getByRole("link", { name: "Admin" })).toHaveCount(0);

    const adminEmail = freshEmail("live-promoter");
    await app.db.user.create({ data: { email: adminEmail, role: "ADMIN" } });
    await signInWithEmail(page, app, adminEmail);
    await page.goto("/admin");
    const row = page.getByTestId("user").filter({ hasText: memberEmail });
    await row.getByRole("button", { name: "Make admin" }).click();
    // role_changed: the server components render again with the new role.
    await expect(header(member).getByRole("link", { name: "Admin" })).toBeVisible({ timeout: 2_000 });

    await row.getByRole("button", { name: "Disable" }).click();
    await expect(member.getByRole("status").filter({ hasText: "your account has been disabled" })).toBeVisible({ timeout: 2_000 });
    await expect(header(member).getByRole("button", { name: "Sign in" })).toBeVisible();
    expect(await windowStillMarked(member)).toBe(true);
    await snap("disabled-live", member);
  });
});
