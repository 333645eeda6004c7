import { afterAll, beforeAll, expect, it } from "vitest";

import { startAuthApp, type AuthApp } from "./harness/auth-app";

// Two instances behind a load balancer share one PostgreSQL database, and with it
// the rate limits: a flood spread over both is held to one limit, not one each.
let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp({ instances: 2 });
});
afterAll(() => app?.stop());

it("100 sign-in mail requests for one address, over two instances, send the limit's 5 mails in total", async () => {
  const email = "flooded-twice@example.test";
  const request = async () => {
    const browser = app.browser();
    const csrfToken = await browser.csrfToken();
    return browser.postForm("/api/auth/signin/email", { csrfToken, email, callbackUrl: `${app.url}/`, json: "true" });
  };
  const responses = await Promise.all(Array.from({ length: 100 }, request));
  expect(app.balancer!.served.every((count) => count > 50)).toBe(true);
  expect(app.inbox.mailsTo(email)).toHaveLength(5);
  expect(responses.filter((r) => r.status === 429)).toHaveLength(95);
});
