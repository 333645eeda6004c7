import { insertUser } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE, signedInBrowser, startAuthApp, trpcMutation, type AuthApp } from "./harness/auth-app";
import type { Browser } from "./harness/browser";
import { CSRF_COOKIE, formFields } from "./harness/forms";
import { viewUntilCached } from "./harness/pages";

// Two instances on one PostgreSQL database: a change on one drops the other's copies of the home page within a
// second (its notice, not the cache's TTL, which is a minute here).
let app: AuthApp;
const A = 0;
const B = 1;
beforeAll(async () => {
  app = await startAuthApp({ instances: 2, env: { PAGE_CACHE_TTL_MS: "60000" } });
});
afterAll(() => app?.stop());

const on = (instance: number) => app.balancer!.pin(instance);
const homeOf = async (browser: Browser) => (await browser.request("/")).text();

/** Views the page on A until A serves it from memory; its HTML. */
async function cachedOnA(browser: Browser): Promise<string> {
  on(A);
  return (await viewUntilCached(async () => ({ html: await homeOf(browser) }))).html;
}

describe("the page cache across two instances", () => {
  it("a post created on B shows on A's home page within a second, signed out and signed in", async () => {
    const author = await signedInBrowser(app, (await insertUser(app.db, { name: "Writer on B" })).id);
    const visitor = app.browser();
    await cachedOnA(visitor);
    await cachedOnA(author.browser);
    on(B);
    const title = "Created on B, cached on A";
    expect((await trpcMutation(author.browser, "post.create", { title, content: "A's copies go." })).status).toBe(200);
    on(A);
    for (const browser of [visitor, author.browser]) {
      await expect.poll(() => homeOf(browser), { timeout: 1_000, interval: 25 }).toContain(title);
    }
  });

  it("a session signed out on B is no longer served its page on A within a second", async () => {
    const { browser, token } = await signedInBrowser(app, (await insertUser(app.db, { name: "Leaves on B" })).id);
    const page = await cachedOnA(browser);
    expect(page).toContain("Leaves on B");
    const oldCookies = `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${await browser.cookie(CSRF_COOKIE)}`;
    on(B);
    await browser.postForm("/api/auth/signout", formFields(page, "/api/auth/signout")!);
    on(A);
    const oldSession = app.browser();
    await expect
      .poll(async () => (await oldSession.request("/", { headers: { cookie: oldCookies } })).text(), { timeout: 1_000, interval: 25 })
      .toContain("Sign in to write posts.");
  });
});
