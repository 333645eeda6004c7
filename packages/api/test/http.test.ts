import { readsOf } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AppRouter } from "../src";
import { apiSender, httpClientFactory, TRANSPORTS } from "./http-client";

// The real HTTP path without a Next server, over both transports (tRPC's fetch
// adapter as under `next dev`, the production server's over a socket):
// next-auth's getServerSession reading a real database session from the cookie.
const testDb = await createTestDatabase();

const { db } = testDb;
// Every session lookup that reaches the database, counted.
let sessionQueries = 0;
const sessionLookup = (token: string) => {
  sessionQueries += 1;
  return readsOf(db).sessionAndUser(token);
};
// Without the session cache: what each request costs the database on its own.
const uncached = { sessionCache: { ttlMs: 0, max: 1 }, sessionLookup };
// With it, as the app runs.
const cached = { sessionCache: { ttlMs: 60_000, max: 100 }, sessionLookup };

let cookie = "";
let userId = "";

beforeAll(async () => {
  const user = await insertUser(db, { name: "Cookie Monster" });
  userId = user.id;
  cookie = `next-auth.session-token=${await insertSession(db, user.id)}`;
  await db.post.create({ data: { authorId: user.id, title: "seed", content: "seed" } });
});
beforeEach(() => {
  sessionQueries = 0;
});
afterAll(() => testDb.drop());

describe.each(TRANSPORTS)("over the %s transport", (transport) => {
  const client = httpClientFactory(db, uncached, transport);
  const cachedClient = httpClientFactory(db, cached, transport);
  const raw = apiSender(db, {}, transport);

  describe("lazy session lookup", () => {
    it("a batch of public procedures with a session cookie looks up no session", async () => {
      const api = client({ cookie });
      await Promise.all([api.post.list.query(), api.post.list.query({ limit: 1 }), api.post.list.query({ limit: 2 })]);
      expect(sessionQueries).toBe(0);
    });

    it("a batch of several protected procedures looks the session up exactly once", async () => {
      const api = client({ cookie });
      const [me, again, session] = await Promise.all([
        api.auth.me.query(),
        api.auth.me.query(),
        api.auth.getSession.query(),
        api.post.list.query(),
      ]);
      expect(me.id).toBe(userId);
      expect(again.id).toBe(userId);
      expect(session?.user.id).toBe(userId);
      expect(sessionQueries).toBe(1);
    });

    it("separate requests look up once each without the cache", async () => {
      const api = client({ cookie });
      await api.auth.me.query();
      await api.auth.me.query();
      expect(sessionQueries).toBe(2);
    });

    it("with the session cache, the first request looks up and the next ones do not", async () => {
      // A session of its own: the cache is per database, so the other transport's run would have filled it.
      const api = cachedClient({ cookie: `next-auth.session-token=${await insertSession(db, userId)}` });
      expect((await api.auth.me.query()).id).toBe(userId);
      expect(sessionQueries).toBe(1);
      await Promise.all([api.auth.me.query(), api.session.list.query()]);
      expect((await api.auth.me.query()).id).toBe(userId);
      expect(sessionQueries).toBe(1);
    });
  });

  describe("over HTTP", () => {
    it("a Date survives the transformer round trip", async () => {
      const { items } = await client().post.list.query();
      expect(items[0]!.createdAt).toBeInstanceOf(Date);
      const stored = await db.post.findUniqueOrThrow({ where: { id: items[0]!.id } });
      expect(items[0]!.createdAt.getTime()).toBe(stored.createdAt.getTime());
    });

    it("anonymous protected calls are 401, unknown cookies too", async () => {
      for (const headers of [{}, { cookie: "next-auth.session-token=forged" }] as Record<string, string>[]) {
        const error = await client(headers)
          .auth.me.query()
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TRPCClientError);
        expect((error as TRPCClientError<AppRouter>).data?.httpStatus).toBe(401);
      }
    });

    it("validation errors are 400 with the zod issues under data.zodError", async () => {
      const error = (await client({ cookie })
        .post.create.mutate({ title: "", content: "x" })
        .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
      expect(error.data?.httpStatus).toBe(400);
      expect(error.data?.zodError?.fieldErrors).toEqual({ title: ["Title is required."] });
    });

    it("malformed requests are 4xx, never 500", async () => {
      const send = (path: string, init?: RequestInit) => raw(`/api/trpc/${path}`, init);
      const cases = [
        await send("post.list?input=%7Bnot-json"),
        await send("post.create", { method: "POST", body: "{", headers: { "content-type": "application/json" } }),
        await send("post.nope"),
        await send("post.create"),
      ];
      for (const res of cases) {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    });
  });
});
