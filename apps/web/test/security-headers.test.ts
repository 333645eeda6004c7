import { createTestDatabase, insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SESSION_COOKIE } from "./harness/auth-app";
import { nonceOf } from "./harness/pages";
import { startNextServer, type NextServer } from "./next-server";

// The headers every response carries, and the secure cookie names when the app is served over https.
const testDb = await createTestDatabase();
let http: NextServer;
let https: NextServer;
let cookie = "";
beforeAll(async () => {
  cookie = `${SESSION_COOKIE}=${await insertSession(testDb.db, (await insertUser(testDb.db)).id)}`;
  http = await startNextServer({ DATABASE_URL: testDb.url });
  // Behind a TLS-terminating proxy: NEXTAUTH_URL is https, the proxy (played by the test) says so.
  https = await startNextServer({ DATABASE_URL: testDb.url, NEXTAUTH_URL: "https://app.example", TRUST_PROXY: "1" });
});
afterAll(async () => {
  await http?.stop();
  await https?.stop();
  await testDb.drop();
});

const BASELINE = { "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin", "x-frame-options": "DENY" };

describe(`security headers (${testProvider})`, () => {
  it.each(["/", "/auth/signin", "/api/health", "/api/trpc/post.list", "/api/auth/csrf", "/api/me", "/icon.svg", "/no-such-page"])(
    "%s has nosniff, a referrer policy, no framing and a CSP",
    async (path) => {
      const response = await fetch(`${http.url}${path}`, { headers: { cookie } });
      for (const [name, value] of Object.entries(BASELINE)) expect(response.headers.get(name)).toBe(value);
      expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get("strict-transport-security")).toBeNull();
    },
  );

  it("a page's CSP names a fresh nonce, which Next puts on every inline script", async () => {
    const [first, second] = [await fetch(`${http.url}/`), await fetch(`${http.url}/`)];
    const nonce = nonceOf(first);
    expect(nonce).toBeTruthy();
    expect(nonceOf(second)).not.toBe(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("content-security-policy")).toMatch(/object-src 'none'.*base-uri 'self'/);
  });

  it("JSON answers may run nothing at all", async () => {
    const response = await fetch(`${http.url}/api/trpc/post.list`);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe(`on https (${testProvider})`, () => {
  const viaProxy = { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" };

  it("sends HSTS, and pages ask browsers to upgrade stray http requests", async () => {
    const response = await fetch(`${https.url}/`, { headers: viaProxy });
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(response.headers.get("content-security-policy")).toMatch(/upgrade-insecure-requests/);
  });

  it("names its cookies __Host- and __Secure-, and marks them Secure", async () => {
    const csrf = await fetch(`${https.url}/api/auth/csrf`, { headers: viaProxy });
    const setCookies = csrf.headers.getSetCookie();
    const csrfCookie = setCookies.find((c) => c.includes("next-auth.csrf-token="))!;
    expect(csrfCookie).toMatch(/^__Host-next-auth\.csrf-token=/);
    expect(csrfCookie).toMatch(/; Secure/i);
    const callback = setCookies.find((c) => c.includes("next-auth.callback-url="));
    expect(callback).toMatch(/^__Secure-next-auth\.callback-url=.*; Secure/i);
  });
});
