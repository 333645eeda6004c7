import { createHash } from "node:crypto";

import { hashSessionToken } from "@gatehouse/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAuthMe, readSession, SESSION_COOKIE, startAuthApp, type AuthApp } from "./harness/auth-app";
import { OIDC_CLIENT_ID } from "./harness/oidc-provider";
import { authorizeAtProvider, signInByEmail, signInByOidc, startOidcSignIn } from "./harness/sign-in";

// Sign-in through a real OpenID Connect provider, on the production build.
let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp();
});
afterAll(() => app?.stop());

describe("OIDC sign-in", () => {
  it("sends the browser to the provider with state and an S256 PKCE challenge, and comes back signed in", async () => {
    const identity = { sub: "oidc-ada", email: "ada@example.test", name: "Ada Lovelace" };
    app.oidc.identity = identity;
    const browser = app.browser();

    const authorize = await startOidcSignIn(browser, `${app.url}/`);
    expect(authorize.origin + authorize.pathname).toBe(`${app.oidc.issuer}/authorize`);
    const params = authorize.searchParams;
    expect(params.get("client_id")).toBe(OIDC_CLIENT_ID);
    expect(params.get("response_type")).toBe("code");
    expect(params.get("redirect_uri")).toBe(`${app.url}/api/auth/callback/oidc`);
    expect(params.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(params.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toMatch(/^[\w-]{43}$/);

    const callback = await authorizeAtProvider(browser, authorize);
    expect(callback.origin + callback.pathname).toBe(`${app.url}/api/auth/callback/oidc`);
    expect(callback.searchParams.get("state")).toBe(params.get("state"));

    const arrived = await browser.follow(callback);
    expect(arrived.url.href).toBe(`${app.url}/`);
    expect(arrived.response.status).toBe(200);

    // The app redeemed the code with the verifier whose S256 hash it had sent.
    const verifier = app.oidc.tokenRequests.at(-1)?.code_verifier;
    expect(verifier).toBeTruthy();
    expect(createHash("sha256").update(verifier!).digest("base64url")).toBe(params.get("code_challenge"));

    const user = await app.db.user.findUniqueOrThrow({ where: { email: identity.email }, include: { accounts: true, sessions: true } });
    expect(user).toMatchObject({ name: identity.name, role: "USER" });
    expect(user.accounts).toEqual([expect.objectContaining({ provider: "oidc", providerAccountId: identity.sub })]);
    expect(user.sessions).toHaveLength(1);
    const [cookie] = (await browser.jar.getCookies(app.url)).filter((c) => c.key === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, path: "/" });
    expect(hashSessionToken(cookie!.value)).toBe(user.sessions[0]!.sessionToken);

    expect((await readSession(browser)).user).toMatchObject({ id: user.id, email: identity.email, name: identity.name });
    expect(await callAuthMe(browser)).toEqual({
      status: 200,
      user: { id: user.id, email: identity.email, name: identity.name, image: null, role: "USER" },
    });
  });

  it.each([
    ["tampered", (callback: URL) => callback.searchParams.set("state", "forged-state-0123456789abcdef")],
    ["missing", (callback: URL) => callback.searchParams.delete("state")],
  ])("a %s state on the callback ends on the error page with OAuthCallback, signed out", async (kind, alter) => {
    const identity = { sub: `oidc-state-${kind}`, email: `state-${kind}@example.test`, name: "Mallory" };
    app.oidc.identity = identity;
    const sessionsBefore = await app.db.session.count();
    const browser = app.browser();

    const callback = await authorizeAtProvider(browser, await startOidcSignIn(browser, `${app.url}/`));
    alter(callback);
    const arrived = await browser.follow(callback);

    expect(arrived.url.origin).toBe(app.url);
    // next-auth shows sign-in errors on the sign-in page, so the person can try again from there.
    expect(arrived.url.pathname).toBe("/auth/signin");
    expect(arrived.url.searchParams.get("error")).toBe("OAuthCallback");
    expect(await arrived.response.text()).toContain("could not be verified");
    expect(await app.db.session.count()).toBe(sessionsBefore);
    expect(await app.db.user.findUnique({ where: { email: identity.email } })).toBeNull();
    expect(await browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(await readSession(browser)).toEqual({});
  });

  it("an email already signed up by magic link is not taken over through OIDC: OAuthAccountNotLinked", async () => {
    const email = "x@example.test";
    await signInByEmail(app, email);
    const user = await app.db.user.findUniqueOrThrow({ where: { email } });

    // Someone else, in their own browser, arrives from the provider with the same address.
    const identity = { sub: "oidc-x-elsewhere", email, name: "Not X" };
    const { browser, landed } = await signInByOidc(app, identity);

    expect(landed.origin).toBe(app.url);
    expect(landed.pathname).toBe("/auth/signin");
    expect(landed.searchParams.get("error")).toBe("OAuthAccountNotLinked");
    expect(await app.db.account.findMany({ where: { OR: [{ userId: user.id }, { providerAccountId: identity.sub }] } })).toEqual([]);
    expect(await app.db.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(await readSession(browser)).toEqual({});
  });
});
