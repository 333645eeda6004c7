import { hashSessionToken } from "@gatehouse/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readSession, SESSION_COOKIE, startAuthApp, type AuthApp } from "./harness/auth-app";
import { requestMagicLink, signInByEmail } from "./harness/sign-in";

// Magic-link sign-in through a real SMTP server, on the production build.
let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp();
});
afterAll(() => app?.stop());

const FIFTEEN_MINUTES = 15 * 60 * 1000;

describe("email sign-in", () => {
  it("mails exactly one link, valid 15 minutes, that signs the browser in", async () => {
    const email = "grace@example.test";
    const browser = app.browser();
    const requestedAt = Date.now();

    const { redirect, link } = await requestMagicLink(app, browser, email);
    expect(redirect.href).toBe(`${app.url}/api/auth/verify-request?provider=email&type=email`);
    const mails = app.inbox.mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.message.from).toEqual({ name: "Gatehouse", address: "noreply@gatehouse.test" });
    expect(/href="([^"]+)"/.exec(mails[0]!.message.html ?? "")?.[1]).toBe(link.href);
    expect(link.origin + link.pathname).toBe(`${app.url}/api/auth/callback/email`);
    expect(link.searchParams.get("email")).toBe(email);
    expect(link.searchParams.get("callbackUrl")).toBe(`${app.url}/`);

    // The database holds a hash of the token, never the token that is in the mail.
    const [pending] = await app.db.verificationToken.findMany({ where: { identifier: email } });
    expect(pending?.token).toMatch(/^[0-9a-f]{64}$/);
    expect(pending?.token).not.toBe(link.searchParams.get("token"));
    expect(pending!.expires.getTime() - requestedAt).toBeGreaterThan(FIFTEEN_MINUTES - 60_000);
    expect(pending!.expires.getTime() - Date.now()).toBeLessThanOrEqual(FIFTEEN_MINUTES);

    const arrived = await browser.follow(link);
    expect(arrived.url.href).toBe(`${app.url}/`);
    expect(arrived.response.status).toBe(200);
    const user = await app.db.user.findUniqueOrThrow({ where: { email }, include: { sessions: true } });
    expect(user.emailVerified).not.toBeNull();
    expect(user.sessions).toHaveLength(1);
    // The row holds the token's hash; the browser holds the token.
    expect(hashSessionToken((await browser.cookie(SESSION_COOKIE))!)).toBe(user.sessions[0]!.sessionToken);
    expect((await readSession(browser)).user).toMatchObject({ id: user.id, email });
    expect(await app.db.verificationToken.count({ where: { identifier: email } })).toBe(0);
  });

  it("a link works once: the second click fails with Verification and makes no session", async () => {
    const email = "once@example.test";
    const { link } = await signInByEmail(app, email);
    const user = await app.db.user.findUniqueOrThrow({ where: { email } });
    expect(await app.db.session.count({ where: { userId: user.id } })).toBe(1);

    const again = app.browser();
    const arrived = await again.follow(link);

    expect(arrived.url.origin).toBe(app.url);
    expect(arrived.url.pathname).toBe("/auth/error");
    expect(arrived.url.searchParams.get("error")).toBe("Verification");
    expect(await app.db.session.count({ where: { userId: user.id } })).toBe(1);
    expect(await again.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(await readSession(again)).toEqual({});
  });

  it("an expired link fails with Verification and signs no one up", async () => {
    const email = "late@example.test";
    const browser = app.browser();
    const { link } = await requestMagicLink(app, browser, email);
    const expired = await app.db.verificationToken.updateMany({
      where: { identifier: email },
      data: { expires: new Date(Date.now() - 1000) },
    });
    expect(expired.count).toBe(1);

    const arrived = await browser.follow(link);

    expect(arrived.url.origin).toBe(app.url);
    expect(arrived.url.pathname).toBe("/auth/error");
    expect(arrived.url.searchParams.get("error")).toBe("Verification");
    expect(await app.db.user.findUnique({ where: { email } })).toBeNull();
    expect(await browser.cookie(SESSION_COOKIE)).toBeUndefined();
    expect(await readSession(browser)).toEqual({});
  });
});
