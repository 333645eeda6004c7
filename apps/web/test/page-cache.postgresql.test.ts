import { insertUser } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE, signedInBrowser, startAuthApp, trpcMutation, type AuthApp } from "./harness/auth-app";
import type { Browser } from "./harness/browser";

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
const renderedAt = (html: string) => /\\"dehydratedAt\\":(\d+)/.exec(html)?.[1];
const homeOf = async (browser: Browser) => (await browser.request("/")).text();

/** Views the page on A until A serves it from memory. */
async function cachedOnA(browser: Browser): Promise<string> {
  on(A);
  await homeOf(browser);
  const rendered = await homeOf(browser);
  const copy = await homeOf(browser);
  expect(renderedAt(copy)).toBe(renderedAt(rendered));
  return copy;
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
    const oldCookies = `${SESSION_COOKIE}=${token}; next-auth.csrf-token=${await browser.cookie("next-auth.csrf-token")}`;
    const csrfToken = /name="csrfToken" value="([0-9a-f]{64})"/.exec(page)![1]!;
    on(B);
    await browser.postForm("/api/auth/signout", { csrfToken, callbackUrl: "/" });
    on(A);
    const oldSession = app.browser();
    await expect
      .poll(async () => (await oldSession.request("/", { headers: { cookie: oldCookies } })).text(), { timeout: 1_000, interval: 25 })
      .toContain("Sign in to write posts.");
  });
});
