import { hashSessionToken } from "@gatehouse/db";
import { insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readSession, SESSION_COOKIE, startAuthApp, type AuthApp } from "./harness/auth-app";
import { requestMagicLink, signInByEmail } from "./harness/sign-in";

// Many people at once, on the production build. On PostgreSQL the requests are
// spread over two instances behind a load balancer; SQLite is one instance.
let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp({ instances: testProvider === "postgresql" ? 2 : 1 });
});
afterAll(() => app?.stop());

describe(`concurrency on ${testProvider}`, () => {
  it("200 concurrent post.create calls from 20 users all succeed, and exactly 200 rows exist", async () => {
    const cookies = await Promise.all(
      Array.from({ length: 20 }, async (_, u) => {
        const user = await insertUser(app.db, { email: `burst-${u}@example.test` });
        return `${SESSION_COOKIE}=${await insertSession(app.db, user.id)}`;
      }),
    );
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const instance = app.instances[i % app.instances.length]!;
        return fetch(`${instance.url}/api/trpc/post.create`, {
          method: "POST",
          headers: { cookie: cookies[i % 20]!, "content-type": "application/json" },
          body: JSON.stringify({ json: { title: `burst ${i}`, content: "at once" } }),
        });
      }),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(200).fill(200));
    const rows = await app.db.post.findMany({ where: { title: { startsWith: "burst " } }, select: { title: true } });
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((row) => row.title)).size).toBe(200);
  });

  it("50 concurrent sign-ins by magic link for 50 new addresses create exactly 50 users", async () => {
    const emails = Array.from({ length: 50 }, (_, i) => `crowd-${i}@example.test`);
    const browsers = await Promise.all(emails.map((email) => signInByEmail(app, email)));
    const users = await app.db.user.findMany({ where: { email: { in: emails } }, include: { sessions: true } });
    expect(users).toHaveLength(50);
    for (const user of users) expect(user.sessions).toHaveLength(1);
    const sessions = await Promise.all(browsers.map(({ browser }) => readSession(browser)));
    expect(sessions.map((session) => session.user?.email)).toEqual(emails);
  });

  it("the same magic link opened twice at the same moment signs in once and fails once", async () => {
    const email = "twice-at-once@example.test";
    const { link } = await requestMagicLink(app, app.browser(), email);
    const [first, second] = [app.browser(), app.browser()];

    const landed = await Promise.all([first.follow(link), second.follow(link)]);

    const outcomes = landed.map(({ url }) => (url.pathname === "/auth/error" ? url.searchParams.get("error") : "signed in"));
    expect(outcomes.sort()).toEqual(["Verification", "signed in"]);
    const cookies = [await first.cookie(SESSION_COOKIE), await second.cookie(SESSION_COOKIE)].filter(Boolean);
    expect(cookies).toHaveLength(1);
    const user = await app.db.user.findUniqueOrThrow({ where: { email }, include: { sessions: true } });
    expect(user.sessions.map((session) => session.sessionToken)).toEqual(cookies.map((cookie) => hashSessionToken(cookie!)));
  });
});
