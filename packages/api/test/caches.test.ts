import { readsOf } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser, testProvider } from "@gatehouse/db/testing";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { AppRouter } from "../src";
import { feedCacheFor } from "../src/caches/feed-cache";
import { env } from "../src/env";
import { httpClientFactory, sessionCookie } from "./http-client";

// The caches in front of the database, over the real HTTP handler.
const testDb = await createTestDatabase();
const { db } = testDb;
afterAll(() => testDb.drop());

// Counts the hot-path reads that reach the database (the methods themselves are untouched).
const reads = readsOf(db);
const calls = { postsByIds: [] as number[], postsPage: 0 };
const postsByIds = reads.postsByIds;
const postsPage = reads.postsPage;
reads.postsByIds = (ids) => {
  calls.postsByIds.push(ids.length);
  return postsByIds(ids);
};
reads.postsPage = (cursor, take) => {
  calls.postsPage += 1;
  return postsPage(cursor, take);
};
beforeEach(() => {
  calls.postsByIds = [];
  calls.postsPage = 0;
});

const client = httpClientFactory(db, { sessionCache: { ttlMs: 60_000, max: 100 } });
let author = "";
const postIds: string[] = [];
beforeAll(async () => {
  const user = await insertUser(db, { name: "Writer" });
  author = await insertSession(db, user.id);
  for (let i = 0; i < 12; i++) postIds.push((await client(sessionCookie(author)).post.create.mutate({ title: `t${i}`, content: "c" })).id);
});

describe(`post.byId in a batch (${testProvider})`, () => {
  it("ten calls in one request are one query", async () => {
    const api = client();
    const posts = await Promise.all(postIds.slice(0, 10).map((id) => api.post.byId.query({ id })));
    expect(posts.map((p) => p.id)).toEqual(postIds.slice(0, 10));
    expect(calls.postsByIds).toEqual([10]);
  });

  it("a missing id in the batch is NOT_FOUND for that call only", async () => {
    const api = client();
    const [found, missing] = await Promise.allSettled([api.post.byId.query({ id: postIds[0]! }), api.post.byId.query({ id: "missing" })]);
    expect(found.status).toBe("fulfilled");
    expect(((missing as PromiseRejectedResult).reason as TRPCClientError<AppRouter>).data?.code).toBe("NOT_FOUND");
    expect(calls.postsByIds).toEqual([2]);
  });
});

describe(`the feed cache (${testProvider})`, () => {
  it("serves the first page from memory, and a new post or a deletion shows at once", async () => {
    const api = client(sessionCookie(author));
    const first = await api.post.list.query();
    await api.post.list.query();
    await api.post.list.query();
    // One read with the cache on; every call reads with FEED_CACHE_TTL_MS=0 (CI's second run).
    expect(calls.postsPage).toBe(env.FEED_CACHE_TTL_MS > 0 ? 1 : 3);

    const created = await api.post.create.mutate({ title: "Just now", content: "fresh" });
    expect((await api.post.list.query()).items[0]?.id).toBe(created.id);
    await api.post.delete.mutate({ id: created.id });
    expect((await api.post.list.query()).items.map((p) => p.id)).toEqual(first.items.map((p) => p.id));
  });

  it("serves a page after a cursor from memory too, and a new post or a deletion drops it", async () => {
    const api = client(sessionCookie(author));
    const { nextCursor } = await api.post.list.query({ limit: 5 });
    const deep = { limit: 5, cursor: nextCursor };
    calls.postsPage = 0;
    const page = await api.post.list.query(deep);
    await api.post.list.query(deep);
    expect(calls.postsPage).toBe(env.FEED_CACHE_TTL_MS > 0 ? 1 : 2);

    const created = await api.post.create.mutate({ title: "Just now", content: "fresh" });
    calls.postsPage = 0;
    expect(await api.post.list.query(deep)).toEqual(page);
    expect(calls.postsPage).toBe(1);
    await api.post.delete.mutate({ id: created.id });
    const gone = page.items[0]!.id;
    await api.post.delete.mutate({ id: gone });
    expect((await api.post.list.query(deep)).items.map((p) => p.id)).not.toContain(gone);
  });

  it("keeps a page FEED_CACHE_TTL_MS at most: after that it is read again", async () => {
    const cache = feedCacheFor(db, 500, 1_000);
    const cursor = { createdAt: new Date(Date.now() + 10 * 60_000), id: "z" };
    await cache.page(cursor, 21);
    await cache.page(cursor, 21);
    expect(calls.postsPage).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await cache.page(cursor, 21);
    expect(calls.postsPage).toBe(2);
  });

  it("holds at most FEED_CACHE_MAX_POSTS, counted as the pages' sizes: the least recently used page goes first", async () => {
    // Room for two pages of 21 (a page reads one post more than its limit), not three.
    const cache = feedCacheFor(db, 60_000, 60);
    const cursorAt = (minutes: number) => ({ createdAt: new Date(Date.now() + minutes * 60_000), id: "z" });
    const [a, b, c] = [cursorAt(1), cursorAt(2), cursorAt(3)];
    await cache.page(a, 21);
    await cache.page(b, 21);
    await cache.page(a, 21); // a is now the most recently used
    expect(calls.postsPage).toBe(2);
    await cache.page(c, 21); // evicts b
    await cache.page(a, 21);
    expect(calls.postsPage).toBe(3);
    await cache.page(b, 21);
    expect(calls.postsPage).toBe(4);
  });
});

describe(`admin.setRole with the session cache (${testProvider})`, () => {
  it("the user's next request has the new role", async () => {
    const admin = await insertUser(db, { role: "ADMIN" });
    const user = await insertUser(db);
    const userApi = client(sessionCookie(await insertSession(db, user.id)));
    expect((await userApi.auth.me.query()).role).toBe("USER"); // cached now
    await client(sessionCookie(await insertSession(db, admin.id))).admin.setRole.mutate({ userId: user.id, role: "ADMIN" });
    expect((await userApi.auth.me.query()).role).toBe("ADMIN");
    expect(await userApi.admin.stats.query()).toMatchObject({ users: await db.user.count() });
  });
});
