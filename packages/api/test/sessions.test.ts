import { hashSessionToken, type User } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import { type TRPCClientError } from "@trpc/client";
import { afterAll, beforeEach, describe, expect, it } from "vitest";

import type { AppRouter } from "../src";
import { httpClientFactory, sessionCookie } from "./http-client";

// Real cookies, real next-auth lookups: the session router sees the caller's
// token exactly as it does behind /api/trpc.
const testDb = await createTestDatabase();
const { db } = testDb;
const client = httpClientFactory(db);

let alice: User, bob: User;
let aliceLaptop: string, alicePhone: string, bobLaptop: string;

const as = (token: string) => client(sessionCookie(token));
// Rows hold the hash of the token, as the app stores them.
const rowOf = (sessionToken: string) => db.session.findUnique({ where: { sessionToken: hashSessionToken(sessionToken) } });
const codeOf = async (promise: Promise<unknown>) => ((await promise.catch((e: unknown) => e)) as TRPCClientError<AppRouter>).data?.code;

beforeEach(async () => {
  await db.session.deleteMany();
  await db.user.deleteMany();
  alice = await insertUser(db, { name: "Alice" });
  bob = await insertUser(db, { name: "Bob" });
  aliceLaptop = await insertSession(db, alice.id);
  alicePhone = await insertSession(db, alice.id);
  bobLaptop = await insertSession(db, bob.id);
  await insertSession(db, alice.id, new Date(Date.now() - 1000)); // expired: never listed
});
afterAll(() => testDb.drop());

describe("session.list", () => {
  it("lists the caller's live sessions, marks the current one, and never returns a token", async () => {
    const sessions = await as(aliceLaptop).session.list.query();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const current = sessions.find((s) => s.current)!;
    expect(current.id).toBe((await rowOf(aliceLaptop))!.id);
    expect(current.createdAt).toBeInstanceOf(Date);
    expect(current.expires).toBeInstanceOf(Date);
    for (const token of [aliceLaptop, alicePhone]) {
      expect(JSON.stringify(sessions)).not.toContain(token);
      expect(JSON.stringify(sessions)).not.toContain(hashSessionToken(token));
    }
  });

  it("is UNAUTHORIZED when anonymous", async () => {
    expect(await codeOf(client().session.list.query())).toBe("UNAUTHORIZED");
  });
});

describe("session.revoke", () => {
  it("signs out another device of the caller: its cookie is anonymous afterwards", async () => {
    const phone = (await rowOf(alicePhone))!;
    expect(await as(aliceLaptop).session.revoke.mutate({ id: phone.id })).toEqual({ id: phone.id });
    expect(await rowOf(alicePhone)).toBeNull();
    expect(await as(alicePhone).auth.getSession.query()).toBeNull();
    expect((await as(aliceLaptop).auth.me.query()).id).toBe(alice.id);
  });

  it("cannot touch another user's session: NOT_FOUND, and the session lives on", async () => {
    const alicesLaptop = (await rowOf(aliceLaptop))!;
    expect(await codeOf(as(bobLaptop).session.revoke.mutate({ id: alicesLaptop.id }))).toBe("NOT_FOUND");
    expect(await rowOf(aliceLaptop)).not.toBeNull();
    expect((await as(aliceLaptop).auth.me.query()).id).toBe(alice.id);
  });

  it("is UNAUTHORIZED when anonymous and NOT_FOUND for an unknown id", async () => {
    const phone = (await rowOf(alicePhone))!;
    expect(await codeOf(client().session.revoke.mutate({ id: phone.id }))).toBe("UNAUTHORIZED");
    expect(await rowOf(alicePhone)).not.toBeNull();
    expect(await codeOf(as(aliceLaptop).session.revoke.mutate({ id: "unknown" }))).toBe("NOT_FOUND");
  });
});

describe("session.revokeOthers", () => {
  it("signs out every other session of the caller, keeps the current one and other users'", async () => {
    expect(await as(aliceLaptop).session.revokeOthers.mutate()).toEqual({ revoked: 2 });
    expect(await rowOf(aliceLaptop)).not.toBeNull();
    expect(await rowOf(alicePhone)).toBeNull();
    expect(await rowOf(bobLaptop)).not.toBeNull();
    expect(await as(aliceLaptop).session.list.query()).toHaveLength(1);
  });

  it("is UNAUTHORIZED when anonymous", async () => {
    expect(await codeOf(client().session.revokeOthers.mutate())).toBe("UNAUTHORIZED");
    expect(await db.session.count()).toBe(4);
  });
});
