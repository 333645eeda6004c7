import { expect, freshEmail, header, signInWithEmail, signInWithOidc, test } from "./fixtures";

test.describe("2. sign in", () => {
  test("through the email link from the SMTP server; a reload keeps the session", async ({ page, app, snap }) => {
    const email = freshEmail("mail");
    await signInWithEmail(page, app, email);
    await expect(header(page).getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.reload();
    await expect(header(page).getByTestId("user-name")).toHaveText(email);
    await snap("signed-in-by-email");
  });

  test("through the OpenID Connect provider; a reload keeps the session", async ({ page, app, snap }) => {
    const identity = { sub: `oidc-${Date.now()}`, email: freshEmail("oidc"), name: "Olive Oidc" };
    await page.goto("/auth/signin");
    await snap("sign-in-page");
    await signInWithOidc(page, app, identity);
    await page.reload();
    await expect(header(page).getByTestId("user-name")).toHaveText("Olive Oidc");
    await snap("signed-in-by-oidc");
  });
});
