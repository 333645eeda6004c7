import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { postWithAuthorSelect } from "../src/reads/types";
import { feedLogOf, readsOf } from "../src/services";
import { hashLegacySessionTokens, hashSessionToken } from "../src/session-tokens";
import { createTestDatabase, insertSession, insertUser, testProvider } from "../src/testing";

// The hand-written hot-path SQL must answer exactly what Prisma answers.
const testDb = await createTestDatabase();
const { db } = testDb;
const reads = readsOf(db);
afterAll(() => testDb.drop());

const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as const;
const TOTAL = 57;

beforeAll(async () => {
  const authors = [await insertUser(db, { name: "Ana" }), await insertUser(db, { name: null as unknown as string })];
  // Ties on createdAt (the id breaks them), and neighbours one millisecond apart.
  await db.post.createMany({
    data: Array.from({ length: TOTAL }, (_, i) => ({
      authorId: authors[i % 2]!.id,
      title: `post ${i}`,
      content: `content ${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) + (i % 5 === 0 ? 3_600_000 : 0)),
    })),
  });
});

describe(`the hot-path reads on ${testProvider}`, () => {
  it("sessionAndUser is the session's user, with the dates of the row; null for an unknown token", async () => {
    const user = await insertUser(db, { name: "Grace", role: "ADMIN" });
    await db.user.update({ where: { id: user.id }, data: { emailVerified: new Date(Date.UTC(2026, 5, 1, 12)) } });
    const expires = new Date(Date.UTC(2027, 1, 2, 3, 4, 5, 678));
    const token = await insertSession(db, user.id, expires);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const session = await db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(token) } });

    expect(await reads.sessionAndUser(hashSessionToken(token))).toEqual({
      userId: user.id,
      expires,
      lastUsedAt: session.lastUsedAt,
      user: { id: user.id, name: "Grace", email: stored.email, emailVerified: stored.emailVerified, image: null, role: "ADMIN" },
    });
    // The raw token is not what the row holds.
    expect(await reads.sessionAndUser(token)).toBeNull();
    expect(await reads.sessionAndUser(hashSessionToken("no-such-token"))).toBeNull();
  });

  it("sessionAndUser is null for a disabled user", async () => {
    const user = await insertUser(db);
    const token = await insertSession(db, user.id);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await reads.sessionAndUser(hashSessionToken(token))).toBeNull();
  });

  it("postsByIds is what Prisma returns for those ids, and skips the missing ones", async () => {
    const some = await db.post.findMany({ take: 7, orderBy: { title: "asc" }, select: postWithAuthorSelect });
    const found = await reads.postsByIds([...some.map((p) => p.id), "missing"]);
    expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual(some.sort((a, b) => a.id.localeCompare(b.id)));
    expect(await reads.postsByIds([])).toEqual([]);
  });

  it.each([1, 5, 20])("postsPage walks every post once, in Prisma's order, %i at a time", async (take) => {
    const expected = await db.post.findMany({ orderBy: [...newestFirst], select: postWithAuthorSelect });
    const seen = [];
    let page = await reads.postsPage(null, take);
    while (page.length > 0) {
      seen.push(...page);
      const last = page.at(-1)!;
      page = await reads.postsPage({ createdAt: last.createdAt, id: last.id }, take);
    }
    expect(seen).toEqual(expected);
  });
});

describe(`liveSessionsOf (${testProvider})`, () => {
  it("is Prisma's answer: the user's unexpired sessions, newest first", async () => {
    const user = await insertUser(db);
    for (let i = 0; i < 3; i++) await insertSession(db, user.id);
    await insertSession(db, user.id, new Date(Date.now() - 1000));
    await insertSession(db, (await insertUser(db)).id);
    const expected = await db.session.findMany({
      where: { userId: user.id, expires: { gt: new Date() } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, createdAt: true, expires: true, lastUsedAt: true, userAgent: true, ip: true, sessionToken: true },
    });
    expect(expected).toHaveLength(3);
    expect(await reads.liveSessionsOf(user.id)).toEqual(expected);
  });

  it("feedEventsAfter is Prisma's events after an id, oldest first, each with its post: none for a delete or a post gone since", async () => {
    const author = await insertUser(db, { name: "Feed" });
    const append = (type: "created" | "deleted", postId: string) => db.$transaction((tx) => feedLogOf(db).append(tx, type, postId));
    const start = await reads.latestFeedEventId();
    const kept = await db.post.create({ data: { authorId: author.id, title: "kept", content: "c" }, select: postWithAuthorSelect });
    const gone = await db.post.create({ data: { authorId: author.id, title: "gone", content: "c" } });
    await append("created", kept.id);
    await append("created", gone.id);
    await db.post.delete({ where: { id: gone.id } });
    await append("deleted", gone.id);

    const events = await db.feedEvent.findMany({ where: { id: { gt: start } }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.type)).toEqual(["created", "created", "deleted"]);
    expect(await reads.feedEventsAfter(start, 10)).toEqual([
      { event: events[0], post: kept },
      { event: events[1], post: null },
      { event: events[2], post: null },
    ]);
    expect(await reads.feedEventsAfter(start, 2)).toHaveLength(2);
    expect(await reads.feedEventsAfter(events[2]!.id, 10)).toEqual([]);
  });
});

describe(`session tokens at rest (${testProvider})`, () => {
  it("rows written before hashing get their token hashed, once; the session keeps working", async () => {
    const user = await insertUser(db);
    const legacy = crypto.randomUUID();
    await db.session.create({ data: { sessionToken: legacy, userId: user.id, expires: new Date(Date.now() + 60_000) } });
    expect(await hashLegacySessionTokens(db)).toBeGreaterThanOrEqual(1);
    expect(await db.session.count({ where: { sessionToken: legacy } })).toBe(0);
    expect((await reads.sessionAndUser(hashSessionToken(legacy)))?.userId).toBe(user.id);
    expect(await hashLegacySessionTokens(db)).toBe(0);
  });
});
