import { closeDatabase, hashSessionToken, readsOf, type Db, type SessionAndUser } from "@gatehouse/db";
import { createListeningDb, createTestDatabase, insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import type { Adapter } from "next-auth/adapters";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

import { announceSessionChange, createAuthOptions, getSessionFromHeaders, type SessionCacheOptions } from "../src";
import { sessionCacheFor } from "../src/session-cache";

// The session cache, behind next-auth's real getServerSession, on a real database.
const testDb = await createTestDatabase();
const { db } = testDb;
afterAll(() => testDb.drop());

let lookups = 0;
let slowLookup: Promise<void> | null = null;
const countingLookup = async (token: string): Promise<SessionAndUser | null> => {
  lookups += 1;
  const found = await readsOf(db).sessionAndUser(token);
  if (slowLookup) await slowLookup;
  return found;
};
beforeEach(() => {
  lookups = 0;
  slowLookup = null;
});

/** A fresh cache (its own client-independent options) and a way to ask for a session. */
function instance(sessionCache: SessionCacheOptions = { ttlMs: 60_000, max: 100 }, client: Db = db) {
  // Each options object with a different TTL gets the cache made first for this client: use one per test file.
  const authOptions = createAuthOptions({ db: client, sessionCache, sessionLookup: countingLookup });
  const sessionOf = (token: string) => getSessionFromHeaders(new Headers({ cookie: `next-auth.session-token=${token}` }), { authOptions });
  return { authOptions, adapter: authOptions.adapter as Required<Adapter>, sessionOf };
}

const { adapter, sessionOf } = instance();

describe(`the session cache (${testProvider})`, () => {
  it("looks a session up once, then answers from memory", async () => {
    const token = await insertSession(db, (await insertUser(db)).id);
    expect((await sessionOf(token))?.user.id).toBeDefined();
    expect((await sessionOf(token))?.user.id).toBeDefined();
    expect(lookups).toBe(1);
  });

  it("looks up once for requests that miss together", async () => {
    const token = await insertSession(db, (await insertUser(db)).id);
    await Promise.all(Array.from({ length: 20 }, () => sessionOf(token)));
    expect(lookups).toBe(1);
  });

  it("never remembers an unknown or expired session", async () => {
    const expired = await insertSession(db, (await insertUser(db)).id, new Date(Date.now() - 1000));
    for (const token of ["unknown", "unknown", expired, expired]) expect(await sessionOf(token)).toBeNull();
    expect(lookups).toBe(4); // nothing is remembered for a token without a live session
  });

  it("drops a session signed out (next-auth's deleteSession): the next request is anonymous", async () => {
    const token = await insertSession(db, (await insertUser(db)).id);
    expect(await sessionOf(token)).not.toBeNull();
    await adapter.deleteSession(token);
    expect(await sessionOf(token)).toBeNull();
  });

  it("gives a session's row to one of two sign-outs racing on it", async () => {
    const user = await insertUser(db);
    const token = await insertSession(db, user.id);
    const rows = await Promise.all(Array.from({ length: 5 }, async () => adapter.deleteSession(token)));
    expect(rows.filter(Boolean)).toEqual([expect.objectContaining({ userId: user.id, sessionToken: token })]);
    expect(await adapter.deleteSession(token)).toBeNull();
  });

  it("writes a session's last use at most once a minute, cache hits included", async () => {
    const token = await insertSession(db, (await insertUser(db)).id);
    const where = { sessionToken: hashSessionToken(token) };
    const stale = new Date(Date.now() - 120_000);
    await db.session.update({ where, data: { lastUsedAt: stale } });
    const { client, writes } = countingLastUseWrites();
    const { sessionOf: sessionThrough } = instance({ ttlMs: 60_000, max: 100 }, client);
    for (let i = 0; i < 20; i += 1) expect(await sessionThrough(token)).not.toBeNull();
    expect(writes()).toBe(1);
    await vi.waitFor(async () => {
      const { lastUsedAt } = await db.session.findUniqueOrThrow({ where });
      expect(Date.now() - lastUsedAt.getTime()).toBeLessThan(10_000);
    });
    // Used a moment ago: no write, even with every lookup reaching the database.
    const { sessionOf: uncachedSessionThrough } = instance({ ttlMs: 0, max: 1 }, client);
    for (let i = 0; i < 5; i += 1) expect(await uncachedSessionThrough(token)).not.toBeNull();
    expect(writes()).toBe(1);
  });

  it("drops a user's sessions when they are revoked or their role changes", async () => {
    const user = await insertUser(db);
    const [laptop, phone] = [await insertSession(db, user.id), await insertSession(db, user.id)];
    expect((await sessionOf(laptop))?.user.role).toBe("USER");
    expect(await sessionOf(phone)).not.toBeNull();

    await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    await announceSessionChange(db, { userId: user.id, reason: "role_changed" });
    expect((await sessionOf(laptop))?.user.role).toBe("ADMIN");

    await db.session.deleteMany({ where: { sessionToken: hashSessionToken(phone) } });
    await announceSessionChange(db, { userId: user.id, reason: "revoked" });
    expect(await sessionOf(phone)).toBeNull();
  });

  it("does not keep an answer that a change overtook while it was being looked up", async () => {
    const user = await insertUser(db);
    const token = await insertSession(db, user.id);
    let release!: () => void;
    slowLookup = new Promise((resolve) => (release = resolve));
    const inFlight = sessionOf(token); // reads the row, then waits
    await new Promise((resolve) => setTimeout(resolve, 50));
    await db.session.deleteMany({ where: { sessionToken: hashSessionToken(token) } });
    await announceSessionChange(db, { userId: user.id, reason: "revoked" });
    release();
    slowLookup = null;
    await inFlight;
    expect(await sessionOf(token)).toBeNull();
  });
});

describe("bounds", () => {
  it("keeps at most SESSION_CACHE_MAX entries", async () => {
    const client = await createListeningDb(testDb.url);
    try {
      const options = { ttlMs: 60_000, max: 3 };
      const small = createAuthOptions({ db: client, sessionCache: options });
      for (let i = 0; i < 10; i++) {
        const token = await insertSession(db, (await insertUser(db)).id);
        expect(
          await getSessionFromHeaders(new Headers({ cookie: `next-auth.session-token=${token}` }), { authOptions: small }),
        ).not.toBeNull();
      }
      // The same options as the auth options': with the defaults, SESSION_CACHE_TTL_MS=0 (CI's second run) reads "no cache".
      expect(sessionCacheFor(client, options).size()).toBe(3);
    } finally {
      await closeDatabase(client);
    }
  });

  it("an entry lives at most its TTL: a change nobody announced is seen after it", async () => {
    const client = await createListeningDb(testDb.url);
    try {
      const brief = createAuthOptions({ db: client, sessionCache: { ttlMs: 300, max: 10 } });
      const user = await insertUser(db);
      const headers = new Headers({ cookie: `next-auth.session-token=${await insertSession(db, user.id)}` });
      expect((await getSessionFromHeaders(headers, { authOptions: brief }))?.user.role).toBe("USER");
      await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } }); // as a script would, unannounced
      expect((await getSessionFromHeaders(headers, { authOptions: brief }))?.user.role).toBe("USER");
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await getSessionFromHeaders(headers, { authOptions: brief }))?.user.role).toBe("ADMIN");
    } finally {
      await closeDatabase(client);
    }
  });

  it("with a TTL of 0 there is no cache: every request looks up", async () => {
    const uncached = createAuthOptions({ db, sessionCache: { ttlMs: 0, max: 1 }, sessionLookup: countingLookup });
    const token = await insertSession(db, (await insertUser(db)).id);
    for (let i = 0; i < 3; i++)
      await getSessionFromHeaders(new Headers({ cookie: `next-auth.session-token=${token}` }), { authOptions: uncached });
    expect(lookups).toBe(3);
  });
});

/** The test database, with its session.updateMany calls (how a session's last use is written) counted. */
function countingLastUseWrites(): { client: Db; writes: () => number } {
  let writes = 0;
  const session = new Proxy(db.session, {
    get: (target, key): unknown => {
      if (key !== "updateMany") return Reflect.get(target, key);
      return (args: Parameters<typeof target.updateMany>[0]) => {
        writes += 1;
        return target.updateMany(args);
      };
    },
  });
  const client = new Proxy(db, { get: (target, key): unknown => (key === "session" ? session : Reflect.get(target, key)) });
  return { client, writes: () => writes };
}
