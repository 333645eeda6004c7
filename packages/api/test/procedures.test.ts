import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import type { User } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";
import { serviceTokenKeys } from "@gatehouse/auth";
import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { createCaller, createInnerTRPCContext } from "../src";
import { sessionOf } from "./fixtures";

const testDb = await createTestDatabase();
const { db } = testDb;
let alice: User, bob: User, admin: User;

const callerFor = (user: User | null) => createCaller(createInnerTRPCContext({ db, session: user ? sessionOf(user) : null }));

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

beforeAll(async () => {
  alice = await insertUser(db, { name: "Alice" });
  bob = await insertUser(db, { name: "Bob" });
  admin = await insertUser(db, { name: "Admin", role: "ADMIN" });
});
afterAll(() => testDb.drop());

describe("auth", () => {
  it("getSession is null when anonymous and the session when signed in", async () => {
    expect(await callerFor(null).auth.getSession()).toBeNull();
    expect((await callerFor(alice).auth.getSession())?.user.id).toBe(alice.id);
  });

  it("me is UNAUTHORIZED when anonymous and the user when signed in", async () => {
    expect((await rejection(callerFor(null).auth.me())).code).toBe("UNAUTHORIZED");
    expect(await callerFor(admin).auth.me()).toEqual({
      id: admin.id,
      name: "Admin",
      email: admin.email,
      image: null,
      role: "ADMIN",
    });
  });
});

describe("auth.serviceToken", () => {
  it("is a token for the caller and the audience, with its expiry", async () => {
    const { token, expiresAt } = await callerFor(admin).auth.serviceToken({ audience: "billing" });
    const { jwks } = await serviceTokenKeys();
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { audience: "billing", issuer: "http://app.test" });
    expect(payload).toMatchObject({ sub: admin.id, role: "ADMIN" });
    expect(expiresAt).toEqual(new Date(payload.exp! * 1000));
  });

  it("is UNAUTHORIZED when anonymous, whatever the audience", async () => {
    expect((await rejection(callerFor(null).auth.serviceToken({ audience: "billing" }))).code).toBe("UNAUTHORIZED");
    expect((await rejection(callerFor(null).auth.serviceToken({ audience: "unknown" }))).code).toBe("UNAUTHORIZED");
  });

  it.each(["unknown", "", " "])("is BAD_REQUEST for the audience %j, with the issue on the field", async (audience) => {
    const error = await rejection(callerFor(alice).auth.serviceToken({ audience }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toBeInstanceOf(ZodError);
    expect((error.cause as ZodError).issues[0]?.path).toEqual(["audience"]);
  });
});

describe("a caller with a session but no session cookie (in process)", () => {
  it("session.revokeOthers is PRECONDITION_FAILED and signs nothing out", async () => {
    await insertSession(db, alice.id);
    const sessions = await db.session.count({ where: { userId: alice.id } });
    const error = await rejection(callerFor(alice).session.revokeOthers());
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe("No current session cookie.");
    expect(await db.session.count({ where: { userId: alice.id } })).toBe(sessions);
  });

  it("account.onSessionEvent is PRECONDITION_FAILED: there is no session of its own to follow", async () => {
    const stream = (await callerFor(alice).account.onSessionEvent()) as AsyncIterable<unknown>;
    const error = await rejection(stream[Symbol.asyncIterator]().next());
    expect(error.code).toBe("PRECONDITION_FAILED");
  });
});

describe("post.create", () => {
  it("is UNAUTHORIZED when anonymous and writes nothing", async () => {
    const before = await db.post.count();
    const error = await rejection(callerFor(null).post.create({ title: "t", content: "c" }));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(await db.post.count()).toBe(before);
  });

  it("creates a post by the caller, trimmed", async () => {
    const post = await callerFor(alice).post.create({ title: "  Hello  ", content: "World" });
    expect(post).toMatchObject({ title: "Hello", content: "World", author: { id: alice.id, name: "Alice" } });
    expect(post.createdAt).toBeInstanceOf(Date);
    expect(await callerFor(null).post.byId({ id: post.id })).toEqual(post);
  });

  it.each([
    [{ title: "   ", content: "c" }, "title", "Title is required."],
    [{ title: "x".repeat(121), content: "c" }, "title", "Title must be at most 120 characters."],
    [{ title: "t", content: "" }, "content", "Content is required."],
    [{ title: "t", content: "x".repeat(5001) }, "content", "Content must be at most 5000 characters."],
    // PostgreSQL's text cannot hold U+0000: a 400 on both databases, never a 500 on one.
    [{ title: "a\u0000b", content: "c" }, "title", "Must not contain NUL characters."],
    // Prisma's engine fails on an unpaired surrogate: a 400, never a 500. (A paired one is an emoji, accepted below.)
    [{ title: "t", content: "a\ud800b" }, "content", "Must be well-formed Unicode (no unpaired surrogates)."],
  ] as const)("rejects %j with a zod issue on %s", async (input, field, message) => {
    const before = await db.post.count();
    const error = await rejection(callerFor(alice).post.create(input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toBeDefined();
    expect(JSON.stringify(error.cause)).toContain(message);
    expect(JSON.stringify(error.cause)).toContain(field);
    expect(await db.post.count()).toBe(before);
  });

  it("is UNAUTHORIZED, not a 500, when the author is deleted while the request runs, and writes nothing", async () => {
    const gone = await insertUser(db);
    // The session was valid when the request began; the account is deleted before the insert.
    const caller = callerFor(gone);
    await db.user.delete({ where: { id: gone.id } });
    const [posts, events] = [await db.post.count(), await db.feedEvent.count()];
    const error = await rejection(caller.post.create({ title: "t", content: "c" }));
    expect(error.code).toBe("UNAUTHORIZED");
    expect([await db.post.count(), await db.feedEvent.count()]).toEqual([posts, events]);
  });

  it("accepts the boundaries: 120-char title, 5000-char content", async () => {
    const post = await callerFor(bob).post.create({ title: "x".repeat(120), content: "y".repeat(5000) });
    expect(post.title).toHaveLength(120);
  });

  it("accepts characters outside the BMP (surrogate pairs), stored and read back as sent", async () => {
    const post = await callerFor(bob).post.create({ title: "Party \u{1F389}", content: "\u{1F44D} \u{1D11E}" });
    expect(await callerFor(null).post.byId({ id: post.id })).toMatchObject({ title: "Party \u{1F389}", content: "\u{1F44D} \u{1D11E}" });
  });
});

describe("post.byId", () => {
  it("is NOT_FOUND for an unknown id", async () => {
    expect((await rejection(callerFor(null).post.byId({ id: "nope" }))).code).toBe("NOT_FOUND");
  });

  it.each(["\u0000", "\ud800", "a\udfffb"])("is BAD_REQUEST for an id %j, which no row can have", async (id) => {
    expect((await rejection(callerFor(null).post.byId({ id }))).code).toBe("BAD_REQUEST");
    expect((await rejection(callerFor(alice).post.delete({ id }))).code).toBe("BAD_REQUEST");
  });
});

describe("keyset cursors", () => {
  // Well formed, but before year 1: PostgreSQL has no year 0, so the database would refuse it (as a 500).
  const yearZero = Buffer.from(JSON.stringify(["0000-06-01T00:00:00.000Z", "some-id"])).toString("base64url");

  it("are BAD_REQUEST for a date no database can compare, on the feed and on the admin lists", async () => {
    expect((await rejection(callerFor(null).post.list({ cursor: yearZero }))).code).toBe("BAD_REQUEST");
    expect((await rejection(callerFor(admin).admin.users({ cursor: yearZero }))).code).toBe("BAD_REQUEST");
    expect((await rejection(callerFor(admin).admin.auditLog({ cursor: yearZero }))).code).toBe("BAD_REQUEST");
  });
});

describe("post.delete", () => {
  const create = (user: User) => callerFor(user).post.create({ title: "mine", content: "to delete" });

  it("is UNAUTHORIZED when anonymous", async () => {
    const post = await create(alice);
    expect((await rejection(callerFor(null).post.delete({ id: post.id }))).code).toBe("UNAUTHORIZED");
    expect(await db.post.findUnique({ where: { id: post.id } })).not.toBeNull();
  });

  it("lets the owner delete", async () => {
    const post = await create(alice);
    expect(await callerFor(alice).post.delete({ id: post.id })).toEqual({ id: post.id });
    expect(await db.post.findUnique({ where: { id: post.id } })).toBeNull();
  });

  it("is FORBIDDEN for another user and keeps the post", async () => {
    const post = await create(alice);
    expect((await rejection(callerFor(bob).post.delete({ id: post.id }))).code).toBe("FORBIDDEN");
    expect(await db.post.findUnique({ where: { id: post.id } })).not.toBeNull();
  });

  it("lets an admin delete anyone's post", async () => {
    const post = await create(alice);
    expect(await callerFor(admin).post.delete({ id: post.id })).toEqual({ id: post.id });
    expect(await db.post.findUnique({ where: { id: post.id } })).toBeNull();
  });

  it("is NOT_FOUND when the post is absent, or already deleted by a concurrent call", async () => {
    expect((await rejection(callerFor(alice).post.delete({ id: "missing" }))).code).toBe("NOT_FOUND");
    const post = await create(alice);
    const results = await Promise.allSettled([0, 1, 2].map(() => callerFor(alice).post.delete({ id: post.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as TRPCError).code).toBe("NOT_FOUND");
  });
});

describe("admin.stats", () => {
  it("is UNAUTHORIZED anonymous, FORBIDDEN for users, counts for admins", async () => {
    expect((await rejection(callerFor(null).admin.stats())).code).toBe("UNAUTHORIZED");
    expect((await rejection(callerFor(alice).admin.stats())).code).toBe("FORBIDDEN");
    const stats = await callerFor(admin).admin.stats();
    expect(stats).toEqual({
      users: await db.user.count(),
      posts: await db.post.count(),
      sessions: await db.session.count({ where: { expires: { gt: new Date() } } }),
    });
    expect(stats.users).toBe(3);
  });
});

describe("admin.setRole", () => {
  it("is for admins only, never on themselves, NOT_FOUND for an unknown user", async () => {
    const target = await insertUser(db, { name: "Promoted" });
    const input = { userId: target.id, role: "ADMIN" as const };
    expect((await rejection(callerFor(null).admin.setRole(input))).code).toBe("UNAUTHORIZED");
    expect((await rejection(callerFor(alice).admin.setRole(input))).code).toBe("FORBIDDEN");
    expect((await rejection(callerFor(admin).admin.setRole({ userId: admin.id, role: "USER" }))).code).toBe("FORBIDDEN");
    expect((await rejection(callerFor(admin).admin.setRole({ userId: "nobody", role: "ADMIN" }))).code).toBe("NOT_FOUND");
    expect((await rejection(callerFor(admin).admin.setRole({ userId: target.id, role: "OWNER" as "ADMIN" }))).code).toBe("BAD_REQUEST");
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("USER");

    expect(await callerFor(admin).admin.setRole(input)).toEqual(input);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("ADMIN");
  });
});

describe("admin.users and admin.auditLog in pages", () => {
  /** Every id a list hands out, page by page (two at a time), following its cursors. */
  async function walk(
    list: (input: { limit: number; cursor: string | null }) => Promise<{ items: { id: string }[]; nextCursor: string | null }>,
  ) {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ limit: 2, cursor });
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }

  it("hand out every row once, newest first, rows of the same time in id order", async () => {
    const tied = new Date("2020-01-01T00:00:00.000Z");
    const older = new Date("2019-01-01T00:00:00.000Z");
    for (const createdAt of [tied, tied, tied, older, tied]) await db.user.create({ data: { createdAt } });
    await db.auditLog.createMany({
      data: [tied, tied, older, tied, tied].map((at) => ({ at, action: "sign_in", outcome: "success" })),
    });

    const users = await db.user.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    const entries = await db.auditLog.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } });

    expect(await walk((input) => callerFor(admin).admin.users(input))).toEqual(users.map((user) => user.id));
    expect(await walk((input) => callerFor(admin).admin.auditLog(input))).toEqual(entries.map((entry) => entry.id));
  });
});
