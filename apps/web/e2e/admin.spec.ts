import type { AuthApp } from "../test/harness/auth-app";
import { expect, freshEmail, header, onServerAction, signInWithEmail, test, type OtherBrowser } from "./fixtures";

/** A new admin on the admin page, in a browser with JavaScript off, and the row of the user `userEmail` there. */
async function adminWithoutJavaScript(app: AuthApp, otherBrowser: OtherBrowser, userEmail: string) {
  const adminEmail = freshEmail("admin");
  await app.db.user.create({ data: { email: adminEmail, role: "ADMIN" } });
  const admin = await otherBrowser({ javaScriptEnabled: false });
  await signInWithEmail(admin, app, adminEmail);
  await admin.goto("/admin");
  const row = admin.getByTestId("user").filter({ hasText: userEmail });
  await expect(row).toContainText("active");
  return { admin, row };
}

test.describe("11. admin and sessions a person can recognise", () => {
  test("an admin disables a user without JavaScript: the user is signed out at once and the audit log says so", async ({
    page,
    app,
    otherBrowser,
    snap,
  }) => {
    const userEmail = freshEmail("to-disable");
    await signInWithEmail(page, app, userEmail);

    const { admin, row } = await adminWithoutJavaScript(app, otherBrowser, userEmail);
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(admin.getByTestId("user").filter({ hasText: userEmail })).toContainText("disabled");
    await expect(admin.getByTestId("audit-entry").filter({ hasText: "user_disabled" }).first()).toBeVisible();
    await snap("disabled", admin);

    await page.reload();
    await expect(header(page).getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("a change to a user deleted meanwhile is refused in the procedure's own words, without JavaScript", async ({
    app,
    otherBrowser,
  }) => {
    const userEmail = freshEmail("deleted-meanwhile");
    const user = await app.db.user.create({ data: { email: userEmail } });
    const { admin, row } = await adminWithoutJavaScript(app, otherBrowser, userEmail);
    await app.db.user.delete({ where: { id: user.id } });
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(admin.getByRole("alert")).toHaveText("No such user.");
    expect(new URL(admin.url()).searchParams.get("error")).toBe("noSuchUser");
  });

  test("a change an admin makes just before signing out is kept: sign-out waits for it", async ({ page, app }) => {
    const userEmail = freshEmail("disabled-in-a-hurry");
    const user = await app.db.user.create({ data: { email: userEmail } });
    const adminEmail = freshEmail("hasty-admin");
    await app.db.user.create({ data: { email: adminEmail, role: "ADMIN" } });
    await signInWithEmail(page, app, adminEmail);
    await page.goto("/admin");
    const row = page.getByTestId("user").filter({ hasText: userEmail });
    await expect(row).toContainText("active");
    // The action (a POST with a Next-Action header) takes a second to reach the server: a sign-out that did not
    // wait would cut it off.
    await onServerAction(page, async (route) => {
      await page.waitForTimeout(1_000);
      await route.fallback();
    });
    await row.getByRole("button", { name: "Disable" }).click();
    await header(page).getByRole("button", { name: "Sign out" }).click();
    await expect(header(page).getByRole("button", { name: "Sign in" })).toBeVisible();
    expect((await app.db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
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
