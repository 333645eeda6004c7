import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readSession, SESSION_COOKIE, startAuthApp, type AuthApp } from "./harness/auth-app";
import { Browser } from "./harness/browser";
import { CSRF_COOKIE, csrfCookieSet, csrfTokenOfCookie, formFields } from "./harness/forms";
import { locationOf, magicLinkIn } from "./harness/sign-in";

// What a browser without JavaScript gets, over HTTP on the production build: the
// forms in the server's HTML, posted as they are (the browser journeys in
// e2e/without-javascript.spec.ts do the same in Chromium).
let app: AuthApp;
const feedTitles: string[] = [];

beforeAll(async () => {
  app = await startAuthApp();
  // 25 posts a minute apart, before any page is rendered (the feed's first page is cached).
  const author = await app.db.user.create({ data: { name: "Feeder", email: "feeder@example.test" } });
  for (let i = 0; i < 25; i++) {
    const title = `Feed post ${String(i).padStart(2, "0")}`;
    feedTitles.unshift(title);
    await app.db.post.create({ data: { authorId: author.id, title, content: "x", createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)) } });
  }
});
afterAll(() => app?.stop());

async function page(browser: Browser, path: string) {
  const response = await browser.request(path);
  return { response, html: await response.text() };
}

/** Signs in with the email form of the sign-in page, as a browser without JavaScript does. */
async function signInWithEmailForm(email: string): Promise<Browser> {
  const browser = app.browser();
  const { html } = await page(browser, "/auth/signin");
  const fields = formFields(html, "/api/auth/signin/email");
  const sent = await browser.follow("/api/auth/signin/email", { method: "POST", body: new URLSearchParams({ ...fields, email }) });
  expect(sent.url.pathname).toBe("/auth/verify-request");
  await browser.follow(magicLinkIn(app.inbox.mailsTo(email).at(-1)!));
  return browser;
}

describe("the sign-in page, rendered on the server", () => {
  it("has every configured provider's form, each with the CSRF token of the cookie it sets", async () => {
    const { response, html } = await page(app.browser(), "/auth/signin");
    const token = csrfCookieSet(response);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(formFields(html, "/api/auth/signin/oidc")).toEqual({ csrfToken: token, callbackUrl: "/" });
    expect(formFields(html, "/api/auth/signin/email")).toEqual({ csrfToken: token, callbackUrl: "/" });
    expect(html).not.toContain("Loading sign-in options");
  });

  it("keeps a valid cookie next-auth issued, and renders its token", async () => {
    const browser = app.browser();
    const token = await browser.csrfToken(); // GET /api/auth/csrf
    const { response, html } = await page(browser, "/auth/signin?callbackUrl=%2Faccount");
    expect(csrfCookieSet(response)).toBeNull();
    expect(formFields(html, "/api/auth/signin/email")).toEqual({ csrfToken: token, callbackUrl: "/account" });
  });

  it("replaces a forged cookie", async () => {
    const browser = app.browser();
    await browser.jar.setCookie(`${CSRF_COOKIE}=${"0".repeat(64)}%7C${"1".repeat(64)}`, app.url);
    const { response, html } = await page(browser, "/auth/signin");
    const token = csrfCookieSet(response);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toBe("0".repeat(64));
    expect(formFields(html, "/api/auth/signin/oidc")?.csrfToken).toBe(token);
  });

  it("signs in by email link through its form", async () => {
    const browser = await signInWithEmailForm("nojs-mail@example.test");
    expect((await readSession(browser)).user).toMatchObject({ email: "nojs-mail@example.test" });
  });

  it("signs in by OIDC through its form", async () => {
    app.oidc.identity = { sub: "nojs-oidc", email: "nojs-oidc@example.test", name: "No Script" };
    const browser = app.browser();
    const { html } = await page(browser, "/auth/signin");
    const toProvider = locationOf(await browser.postForm("/api/auth/signin/oidc", formFields(html, "/api/auth/signin/oidc")!));
    expect(toProvider.origin).toBe(app.oidc.issuer);
    const { url } = await browser.follow(locationOf(await browser.request(toProvider)));
    expect(url.href).toBe(`${app.url}/`);
    expect((await readSession(browser)).user).toMatchObject({ email: "nojs-oidc@example.test" });
  });
});

describe("sign-out without JavaScript", () => {
  it("is a POST form in the header with the CSRF token, and it signs out", async () => {
    const browser = await signInWithEmailForm("nojs-leaver@example.test");
    const { response, html } = await page(browser, "/");
    expect(csrfCookieSet(response)).toBeNull(); // the browser holds one since the sign-in page
    const fields = formFields(html, "/api/auth/signout");
    expect(fields).toEqual({
      csrfToken: csrfTokenOfCookie((await browser.cookie(CSRF_COOKIE))!),
      callbackUrl: "/",
    });
    const token = await browser.cookie(SESSION_COOKIE);
    const out = await browser.postForm("/api/auth/signout", fields!);
    expect(locationOf(out).href).toBe(`${app.url}/`);
    expect(await app.db.session.findUnique({ where: { sessionToken: token } })).toBeNull();
    expect(await readSession(browser)).toEqual({});
  });

  it("works for a signed-in browser that lost its CSRF cookie: its next page view gets one", async () => {
    const signedIn = await signInWithEmailForm("nojs-restarted@example.test");
    // A browser restarted: the session cookie persists, the CSRF cookie (a session cookie) does not.
    const browser = new Browser(app.url);
    await browser.jar.setCookie(`${SESSION_COOKIE}=${await signedIn.cookie(SESSION_COOKIE)}`, app.url);
    const { response, html } = await page(browser, "/account");
    const token = csrfCookieSet(response);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(formFields(html, "/api/auth/signout")?.csrfToken).toBe(token);
    await browser.postForm("/api/auth/signout", formFields(html, "/api/auth/signout")!);
    expect(await readSession(browser)).toEqual({});
  });

  it("an anonymous page view is not given a CSRF cookie", async () => {
    const { response, html } = await page(app.browser(), "/");
    expect(csrfCookieSet(response)).toBeNull();
    expect(formFields(html, "/auth/signin")).toEqual({}); // the header's Sign in is a GET form
  });
});

describe("the feed without JavaScript", () => {
  const titlesIn = (html: string) => [...html.matchAll(/<h3 id="post-[^"]+"[^>]*>(Feed post \d+)<\/h3>/g)].map((m) => m[1]);
  const loadMoreHref = (html: string) => /<a href="(\/\?cursor=[^"]+)"[^>]*>Load more<\/a>/.exec(html)?.[1]?.replaceAll("&amp;", "&");

  it("'Load more' links to ?cursor=…, which the server renders as the next page, twice", async () => {
    const browser = app.browser();
    const first = (await page(browser, "/")).html;
    expect(titlesIn(first)).toEqual(feedTitles.slice(0, 10));
    const second = (await page(browser, loadMoreHref(first)!)).html;
    expect(titlesIn(second)).toEqual(feedTitles.slice(10, 20));
    const third = (await page(browser, loadMoreHref(second)!)).html;
    expect(titlesIn(third)).toEqual(feedTitles.slice(20));
    expect(loadMoreHref(third)).toBeUndefined();
  });

  it("a malformed cursor is a 404, not a 500", async () => {
    const response = await app.browser().request("/?cursor=not-a-cursor");
    expect(response.status).toBe(404);
  });
});
