import { testProvider } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signedInBrowser, startAuthApp, trpcMutation, type AuthApp } from "./harness/auth-app";
import { locationOf } from "./harness/sign-in";

// Abuse and oversized requests, on the production build with the default limits
// (the post.create limit lowered, so that a test can reach it quickly). The
// server trusts one proxy, which the test plays: each request says which client
// address it comes from, as a load balancer's X-Forwarded-For would.
let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp({ env: { RATE_LIMIT_POST_CREATE_PER_USER: "12/60", TRUST_PROXY: "1" } });
});
afterAll(() => app?.stop());

/**
 * Asks for a magic link as a browser's form does (or, with `jsonBody`, as a JSON
 * body, which next-auth accepts too), from client address `ip`; returns the
 * response without following it.
 */
async function requestLink(email: string, { ip = "203.0.113.1", json = false, jsonBody = false } = {}) {
  const browser = app.browser();
  const csrfToken = await browser.csrfToken();
  const fields = { csrfToken, email, callbackUrl: `${app.url}/`, ...(json ? { json: "true" } : {}) };
  const headers = { "x-forwarded-for": ip, ...(jsonBody ? { "content-type": "application/json" } : {}) };
  const body = jsonBody ? JSON.stringify(fields) : new URLSearchParams(fields);
  return browser.request("/api/auth/signin/email", { method: "POST", body, headers });
}

describe(`sign-in mail floods (${testProvider})`, () => {
  it("100 requests for one address in a minute send at most the allowed 5 mails; the rest are refused with Retry-After", async () => {
    const email = "flooded@example.test";
    // From ten addresses: the per-address limit is what holds, not the per-client one.
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => requestLink(email, { ip: `198.51.100.${i % 10}`, json: i % 2 === 0 })),
    );

    expect(app.inbox.mailsTo(email)).toHaveLength(5);
    expect(await app.db.verificationToken.count({ where: { identifier: email } })).toBe(5);
    const refused = responses.filter(
      (r) => r.status === 429 || (r.status === 302 && locationOf(r).searchParams.get("error") === "RateLimited"),
    );
    expect(refused).toHaveLength(95);
    for (const response of refused) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    // A json=true request (next-auth's client) gets the 429 itself; a form, the error page.
    expect(refused.some((r) => r.status === 429)).toBe(true);
    const page = refused.find((r) => r.status === 302)!;
    expect(locationOf(page).pathname).toBe("/auth/error");
    expect(await (await app.browser().request(locationOf(page))).text()).toContain("Too many sign-in attempts");
  });

  it("a JSON body is held to the same per-address limit as a form", async () => {
    const email = "flooded-json@example.test";
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => requestLink(email, { ip: `198.51.100.${20 + (i % 10)}`, json: true, jsonBody: true })),
    );
    expect(app.inbox.mailsTo(email)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(15);
  });

  it("other addresses are not held back by one address's flood", async () => {
    const response = await requestLink("bystander@example.test", { ip: "198.51.100.1" });
    expect(locationOf(response).pathname).toBe("/api/auth/verify-request");
    expect(app.inbox.mailsTo("bystander@example.test")).toHaveLength(1);
  });

  it("one client address asking for links to many addresses is held at 100 per 15 minutes", async () => {
    const responses = await Promise.all(
      Array.from({ length: 110 }, (_, i) => requestLink(`spray-${i}@example.test`, { ip: "192.0.2.7", json: true })),
    );
    expect(responses.filter((r) => r.status === 429)).toHaveLength(10);
    expect(app.inbox.mails.filter((mail) => mail.to.some((to) => to.startsWith("spray-")))).toHaveLength(100);
  });
});

describe(`sign-in forms the database cannot hold (${testProvider})`, () => {
  it.each([
    ["an address of kilobytes", `${"a".repeat(3000)}@example.test`, "at most 254 characters"],
    ["a NUL character", "nul\u0000@example.test", "must not contain NUL"],
  ])("%s is a 400 that sends no mail and stores no link", async (_, email, message) => {
    const tokensBefore = await app.db.verificationToken.count();
    const response = await requestLink(email, { ip: "203.0.113.99" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await app.db.verificationToken.count()).toBe(tokensBefore);
    expect(app.inbox.mailsTo(email)).toHaveLength(0);
  });
});

describe(`post.create per user (${testProvider})`, () => {
  it("past the limit a create is 429 with Retry-After and writes nothing; another user is not affected", async () => {
    const [writer, other] = [await signedInBrowser(app), await signedInBrowser(app)];
    const [writerBrowser, otherBrowser] = [writer.browser, other.browser];
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => trpcMutation(writerBrowser, "post.create", { title: `limited ${i}`, content: "c" })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(12);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    expect(limited[0]!.error?.data.code).toBe("TOO_MANY_REQUESTS");
    expect(await app.db.post.count({ where: { authorId: writer.userId } })).toBe(12);
    expect((await trpcMutation(otherBrowser, "post.create", { title: "unaffected", content: "c" })).status).toBe(200);
  });

  it("the 429 carries Retry-After", async () => {
    const { browser } = await signedInBrowser(app);
    for (let i = 0; i < 12; i++) await trpcMutation(browser, "post.create", { title: `t${i}`, content: "c" });
    const response = await browser.request("/api/trpc/post.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { title: "one too many", content: "c" } }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe(`request limits (${testProvider})`, () => {
  it("a batch of more than 20 calls is a 400 before any runs", async () => {
    const calls = Array.from({ length: 21 }, () => "post.list").join(",");
    const response = await fetch(`${app.url}/api/trpc/${calls}?batch=1&input=%7B%7D`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
    const twenty = Array.from({ length: 20 }, () => "post.list").join(",");
    expect((await fetch(`${app.url}/api/trpc/${twenty}?batch=1&input=%7B%7D`)).status).toBe(200);
  });

  it("a tRPC body over the limit is 413 (or the connection is cut), never a 5xx, and writes nothing", async () => {
    const before = await app.db.post.count();
    const huge = JSON.stringify({ json: { title: "big", content: "x".repeat(200 * 1024) } });
    const status = await fetch(`${app.url}/api/trpc/post.create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: huge,
    }).then(
      (r) => r.status,
      () => "reset",
    );
    expect([413, "reset"]).toContain(status);
    expect(await app.db.post.count()).toBe(before);
  });

  it("a next-auth form body over the limit is 413", async () => {
    const status = await fetch(`${app.url}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=${"a".repeat(64 * 1024)}%40example.test`,
    }).then(
      (r) => r.status,
      () => "reset",
    );
    expect([413, "reset"]).toContain(status);
  });
});
