import { hashSessionToken } from "@gatehouse/db";
import { Cookie } from "tough-cookie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAuthMe, readSession, SESSION_COOKIE, startAuthApp, type AuthApp } from "./harness/auth-app";
import type { Browser } from "./harness/browser";
import { locationOf, signInByEmail, signInByOidc } from "./harness/sign-in";

// Sign-out, and what a cross-site form post or a foreign callbackUrl cannot do, on the production build.
let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp();
});
afterAll(() => app?.stop());

/** The form fields a cross-site attacker can make `browser` submit: anything but its own CSRF token. */
const forgedCsrf: [string, (browser: Browser) => Promise<Record<string, string>>][] = [
  [
    "no csrfToken",
    async (browser) => {
      await browser.csrfToken(); // the browser holds a CSRF cookie; the post just lacks the token
      return {};
    },
  ],
  [
    "a made-up csrfToken",
    async (browser) => {
      await browser.csrfToken();
      return { csrfToken: "0".repeat(64) };
    },
  ],
  ["another browser's csrfToken", async () => ({ csrfToken: await app.browser().csrfToken() })],
];

/** For unique emails and subjects per test case. */
const slug = (text: string) => text.toLowerCase().replace(/\W+/g, "-").replace(/^-|-$/g, "");

/** next-auth refused the post: back to its own page with csrf=true, on the app. */
async function expectCsrfRefusal(browser: Browser, response: Response, page: "signin" | "signout") {
  expect(response.status).toBe(302);
  expect(locationOf(response).href).toBe(`${app.url}/api/auth/${page}?csrf=true`);
  const arrived = await browser.follow(locationOf(response));
  expect(arrived.url.origin).toBe(app.url);
  // ...which sends the person on to the app's sign-in page to try again.
  if (page === "signin") expect(arrived.url.pathname).toBe("/auth/signin");
}

describe("a form post without the browser's own CSRF token changes nothing", () => {
  it.each(forgedCsrf)("POST /api/auth/signin/oidc with %s never sends the browser to the provider", async (_, forge) => {
    const browser = app.browser();
    const response = await browser.postForm("/api/auth/signin/oidc", { ...(await forge(browser)), callbackUrl: `${app.url}/` });

    await expectCsrfRefusal(browser, response, "signin");
    const cookies = (await browser.jar.getCookies(app.url)).map((cookie) => cookie.key);
    expect(cookies).not.toContain("next-auth.state");
    expect(cookies).not.toContain("next-auth.pkce.code_verifier");
  });

  it.each(forgedCsrf)("POST /api/auth/signin/email with %s sends no mail", async (label, forge) => {
    const email = `csrf-mail-${slug(label)}@example.test`;
    const browser = app.browser();
    const response = await browser.postForm("/api/auth/signin/email", { ...(await forge(browser)), email });

    await expectCsrfRefusal(browser, response, "signin");
    expect(app.inbox.mailsTo(email)).toEqual([]);
    expect(await app.db.verificationToken.count({ where: { identifier: email } })).toBe(0);
  });

  it.each(forgedCsrf)("POST /api/auth/signout with %s leaves the session signed in", async (label, forge) => {
    const email = `csrf-signout-${slug(label)}@example.test`;
    const { browser } = await signInByEmail(app, email);
    const token = await browser.cookie(SESSION_COOKIE);
    const response = await browser.postForm("/api/auth/signout", await forge(browser));

    await expectCsrfRefusal(browser, response, "signout");
    expect(await app.db.session.findUnique({ where: { sessionToken: hashSessionToken(token!) } })).not.toBeNull();
    expect(await browser.cookie(SESSION_COOKIE)).toBe(token);
    expect((await readSession(browser)).user).toMatchObject({ email });
  });
});

describe("a callbackUrl on another origin is never followed", () => {
  const foreign = ["https://evil.example/steal", "//evil.example/steal"];

  // Browser.follow throws if it is ever sent off 127.0.0.1.
  it.each(foreign)("OIDC sign-in with callbackUrl=%s lands on the app", async (callbackUrl) => {
    const identity = { sub: `oidc-${slug(callbackUrl)}`, email: `oidc-${slug(callbackUrl)}@example.test`, name: "Eve" };
    const { browser, landed } = await signInByOidc(app, identity, callbackUrl);

    expect(landed.origin).toBe(app.url);
    expect((await readSession(browser)).user).toMatchObject({ email: identity.email });
  });

  it.each(foreign)("email sign-in with callbackUrl=%s mails a link back to the app and lands on the app", async (callbackUrl) => {
    const email = `mail-${slug(callbackUrl)}@example.test`;
    const { browser, link, landed } = await signInByEmail(app, email, callbackUrl);

    expect(new URL(link.searchParams.get("callbackUrl")!).origin).toBe(app.url);
    expect(landed.origin).toBe(app.url);
    expect((await readSession(browser)).user).toMatchObject({ email });
  });

  it.each(foreign)("sign-out with callbackUrl=%s redirects on the app", async (callbackUrl) => {
    const { browser } = await signInByEmail(app, `signout-${slug(callbackUrl)}@example.test`);
    const response = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrfToken(), callbackUrl });

    expect(locationOf(response).origin).toBe(app.url);
  });
});

describe("sign-out", () => {
  it("deletes the session row and clears the cookie; the old cookie is anonymous afterwards", async () => {
    const identity = { sub: "oidc-leaving", email: "leaving@example.test", name: "Leaving Soon" };
    const { browser } = await signInByOidc(app, identity);
    const token = await browser.cookie(SESSION_COOKIE);
    expect(await app.db.session.findUnique({ where: { sessionToken: hashSessionToken(token!) } })).not.toBeNull();
    // Someone who copied the cookie, sending it by hand.
    const replay = app.browser();
    await replay.jar.setCookie(`${SESSION_COOKIE}=${token}`, app.url);
    expect((await readSession(replay)).user).toMatchObject({ email: identity.email });
    expect((await callAuthMe(replay)).status).toBe(200);

    const response = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrfToken(), callbackUrl: `${app.url}/` });

    expect(response.status).toBe(302);
    expect(locationOf(response).href).toBe(`${app.url}/`);
    const cleared = response.headers
      .getSetCookie()
      .map((header) => Cookie.parse(header))
      .find((cookie) => cookie?.key === SESSION_COOKIE);
    expect(cleared?.value).toBe("");
    expect(cleared?.TTL()).toBe(0);
    expect(await browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(await app.db.session.findUnique({ where: { sessionToken: hashSessionToken(token!) } })).toBeNull();
    expect(await app.db.user.findUnique({ where: { email: identity.email } })).not.toBeNull();

    expect(await readSession(replay)).toEqual({});
    expect(await callAuthMe(replay)).toMatchObject({ status: 401 });
    expect(await readSession(browser)).toEqual({});
  });
});
