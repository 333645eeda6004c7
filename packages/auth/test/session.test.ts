import { hashSessionToken } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createAuthOptions, getAuth, getSessionFromHeaders, sessionAges } from "../src";

// next-auth's real getServerSession against real database sessions.
const testDb = await createTestDatabase();
const { db } = testDb;
const authOptions = createAuthOptions({ db });
const DAY = 24 * 60 * 60 * 1000;
let userId = "";

const requestWith = (token?: string, method = "GET") =>
  new Request("http://app.test/api/me", { method, headers: token ? { cookie: `next-auth.session-token=${token}` } : {} });

beforeAll(async () => {
  userId = (await insertUser(db, { name: "Grace", role: "ADMIN" })).id;
});
afterAll(() => testDb.drop());

describe("getAuth(request)", () => {
  it("is { userId: null, session: null } without a cookie or with an unknown one", async () => {
    expect(await getAuth(requestWith(), { authOptions })).toMatchObject({ userId: null, session: null });
    expect(await getAuth(requestWith("not-a-session"), { authOptions })).toMatchObject({ userId: null, session: null });
  });

  it.each(["GET", "POST"])("returns the user id, name and role for a live session on %s", async (method) => {
    const token = await insertSession(db, userId);
    const { userId: id, session } = await getAuth(requestWith(token, method), { authOptions });
    expect(id).toBe(userId);
    expect(session?.user).toMatchObject({ id: userId, name: "Grace", role: "ADMIN" });
  });

  it("treats an expired session as anonymous and deletes it", async () => {
    const token = await insertSession(db, userId, new Date(Date.now() - 1000));
    expect((await getAuth(requestWith(token), { authOptions })).userId).toBeNull();
    expect(await db.session.findUnique({ where: { sessionToken: hashSessionToken(token) } })).toBeNull();
  });
});

const { maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS } = sessionAges();

describe("session refresh (maxAge / updateAge)", () => {
  it("lasts 30 days after its last use by default, extended at most once a day", () => {
    expect(sessionAges()).toEqual({ maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 });
  });

  it("leaves a session younger than updateAge as it is; only the session cookie is forwarded", async () => {
    const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000 - 60_000);
    const token = await insertSession(db, userId, expires);
    const resHeaders = new Headers();
    await getSessionFromHeaders(requestWith(token).headers, { authOptions, resHeaders });
    expect((await db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(token) } })).expires).toEqual(expires);
    const cookies = resHeaders.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toContain(`next-auth.session-token=${token}`);
  });

  it("extends a session older than updateAge to a full maxAge and refreshes the cookie", async () => {
    const age = SESSION_UPDATE_AGE_SECONDS * 1000 + DAY;
    const token = await insertSession(db, userId, new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000 - age));
    const resHeaders = new Headers();
    await getSessionFromHeaders(requestWith(token).headers, { authOptions, resHeaders });
    const { expires } = await db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(token) } });
    expect(expires.getTime()).toBeGreaterThan(Date.now() + SESSION_MAX_AGE_SECONDS * 1000 - 60_000);
    expect(resHeaders.getSetCookie().join()).toContain(`next-auth.session-token=${token}`);
  });
});
