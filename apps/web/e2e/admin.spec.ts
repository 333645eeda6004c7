import { expect, freshEmail, header, signInWithEmail, test } from "./fixtures";

test.describe("11. admin and sessions a person can recognise", () => {
  test("an admin disables a user without JavaScript: the user is signed out at once and the audit log says so", async ({
    page,
    app,
    otherBrowser,
    snap,
  }) => {
    const userEmail = freshEmail("to-disable");
    await signInWithEmail(page, app, userEmail);

    const adminEmail = freshEmail("admin");
    await app.db.user.create({ data: { email: adminEmail, role: "ADMIN" } });
    const admin = await otherBrowser({ javaScriptEnabled: false });
    await signInWithEmail(admin, app, adminEmail);

    await admin.goto("/admin");
    const row = admin.getByTestId("user").filter({ hasText: userEmail });
    await expect(row).toContainText("active");
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(admin.getByTestId("user").filter({ hasText: userEmail })).toContainText("disabled");
    await expect(admin.getByTestId("audit-entry").filter({ hasText: "user_disabled" }).first()).toBeVisible();
    await snap("disabled", admin);

    await page.reload();
    await expect(header(page).getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("the sessions page names the browser, the address and the last use", async ({ page, app, snap }) => {
    await signInWithEmail(page, app, freshEmail("recognised"));
    await page.goto("/account");
    const session = page.getByTestId("session").first();
    await expect(session).toContainText(/Chrome/);
    await expect(session).toContainText("from 127.0.0.1");
    await expect(session).toContainText("last active");
    await snap("sessions");
  });
});
