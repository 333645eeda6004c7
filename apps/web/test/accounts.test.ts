import { hashSessionToken } from "@gatehouse/db";
import { insertUser, testProvider } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  callAuthMe,
  readSession,
  SESSION_COOKIE,
  signedInBrowser,
  startAuthApp,
  trpcMutation,
  trpcQuery,
  type AuthApp,
} from "./harness/auth-app";
import type { Browser } from "./harness/browser";
import { locationOf, requestMagicLink, signInByEmail, signInByOidc } from "./harness/sign-in";

// The audit trail, disabled users and recognisable sessions, on the production build.
let app: AuthApp;
let admin: Browser;
let adminId = "";
beforeAll(async () => {
  app = await startAuthApp();
  adminId = (await insertUser(app.db, { name: "Admin", role: "ADMIN" })).id;
  ({ browser: admin } = await signedInBrowser(app, adminId));
});
afterAll(() => app?.stop());

const entriesFor = (subjectId: string) => app.db.auditLog.findMany({ where: { subjectId }, orderBy: [{ at: "asc" }, { id: "asc" }] });

describe(`the audit trail (${testProvider})`, () => {
  it("records a sign-in with its provider, address and browser, then the sign-out", async () => {
    const { browser } = await signInByEmail(app, "audited@example.test");
    const user = await app.db.user.findUniqueOrThrow({ where: { email: "audited@example.test" } });
    await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrfToken(), callbackUrl: `${app.url}/` });

    const entries = await entriesFor(user.id);
    expect(entries.map((e) => [e.action, e.outcome, e.actorId])).toEqual([
      ["sign_in", "success", user.id],
      ["sign_out", "success", user.id],
    ]);
    expect(entries[0]!.detail).toBe("email");
    expect(entries[0]!.ip).toBe("127.0.0.1");
    expect(entries[0]!.userAgent).toBeTruthy();
  });

  it("records a failed sign-in: a used link", async () => {
    const { link } = await signInByEmail(app, "twice-audited@example.test");
    const failedBefore = await app.db.auditLog.count({ where: { action: "sign_in_failed", outcome: "Verification" } });
    await app.browser().follow(link);
    expect(await app.db.auditLog.count({ where: { action: "sign_in_failed", outcome: "Verification" } })).toBe(failedBefore + 1);
  });

  it("records a revoked session, in the same transaction as the revocation", async () => {
    const email = "revoking@example.test";
    const { browser: laptop } = await signInByEmail(app, email);
    await signInByEmail(app, email);
    const sessions = await trpcQuery<{ id: string; current: boolean }[]>(laptop, "session.list");
    const other = sessions.data!.find((s) => !s.current)!;
    expect((await trpcMutation(laptop, "session.revoke", { id: other.id })).status).toBe(200);
    const user = await app.db.user.findUniqueOrThrow({ where: { email } });
    expect((await entriesFor(user.id)).filter((e) => e.action === "session_revoked")).toMatchObject([
      { detail: other.id, outcome: "success" },
    ]);
  });

  it("admins read it newest first, in pages; nobody else does", async () => {
    const first = await trpcQuery<{ items: { id: string; at: Date; action: string }[]; nextCursor: string | null }>(
      admin,
      "admin.auditLog",
      { limit: 2 },
    );
    expect(first.status).toBe(200);
    expect(first.data!.items).toHaveLength(2);
    expect(first.data!.items[0]!.at.getTime()).toBeGreaterThanOrEqual(first.data!.items[1]!.at.getTime());
    const second = await trpcQuery<{ items: { id: string }[] }>(admin, "admin.auditLog", { limit: 2, cursor: first.data!.nextCursor });
    expect(second.data!.items.map((e) => e.id)).not.toContain(first.data!.items[0]!.id);
    expect((await trpcQuery(app.browser(), "admin.auditLog")).status).toBe(401);
    const { browser: user } = await signInByEmail(app, "curious@example.test");
    expect((await trpcQuery(user, "admin.auditLog")).status).toBe(403);
  });
});

describe(`disabled users (${testProvider})`, () => {
  it("lose their sessions at their next request, and no provider signs them in again until re-enabled", async () => {
    const identity = { sub: "oidc-to-disable", email: "to-disable@example.test", name: "Soon Disabled" };
    const { browser } = await signInByOidc(app, identity);
    const user = await app.db.user.findUniqueOrThrow({ where: { email: identity.email } });
    expect((await callAuthMe(browser)).status).toBe(200);

    expect((await trpcMutation(admin, "admin.setUserDisabled", { userId: user.id, disabled: true })).status).toBe(200);
    expect((await callAuthMe(browser)).status).toBe(401);
    expect(await readSession(browser)).toEqual({});

    // By OIDC: next-auth's AccessDenied. By email: refused before any mail is sent.
    const oidc = await signInByOidc(app, identity);
    expect(oidc.landed.searchParams.get("error")).toBe("AccessDenied");
    expect(await readSession(oidc.browser)).toEqual({});
    const mailsBefore = app.inbox.mailsTo(identity.email).length;
    const emailAttempt = app.browser();
    const refused = await emailAttempt.postForm("/api/auth/signin/email", {
      csrfToken: await emailAttempt.csrfToken(),
      email: identity.email,
    });
    expect(locationOf(refused).searchParams.get("error")).toBe("AccessDenied");
    expect(app.inbox.mailsTo(identity.email)).toHaveLength(mailsBefore);

    expect((await trpcMutation(admin, "admin.setUserDisabled", { userId: user.id, disabled: false })).status).toBe(200);
    const again = await signInByOidc(app, identity);
    expect((await callAuthMe(again.browser)).status).toBe(200);
    expect((await entriesFor(user.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["user_disabled", "sign_in_failed", "user_enabled"]),
    );
  });

  it("an admin cannot disable themselves", async () => {
    const result = await trpcMutation(admin, "admin.setUserDisabled", { userId: adminId, disabled: true });
    expect(result.error?.data.code).toBe("FORBIDDEN");
    expect((await app.db.user.findUniqueOrThrow({ where: { id: adminId } })).disabledAt).toBeNull();
  });
});

describe(`sessions a person can recognise (${testProvider})`, () => {
  it("record the browser, the address and the last use; the database holds no usable token", async () => {
    const browser = app.browser();
    const { link } = await requestMagicLink(app, browser, "recognised@example.test");
    await browser.follow(link, {
      headers: { "user-agent": "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" },
    });
    const token = (await browser.cookie(SESSION_COOKIE))!;
    const row = await app.db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(token) } });
    expect(row.sessionToken).not.toBe(token);
    expect(await app.db.session.count({ where: { sessionToken: token } })).toBe(0);

    const [listed] = (
      await trpcQuery<{ browser: string; os: string; ip: string; lastUsedAt: Date; current: boolean }[]>(browser, "session.list")
    ).data!;
    expect(listed).toMatchObject({ browser: "Firefox 128", os: "Ubuntu", ip: "127.0.0.1", current: true });
    expect(Date.now() - listed!.lastUsedAt.getTime()).toBeLessThan(60_000);
  });
});
