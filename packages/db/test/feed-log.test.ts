import { afterAll, expect, it } from "vitest";

import { createDb } from "../src/client";
import { closeDatabase, feedLogOf, readsOf } from "../src/services";
import { createTestDatabase, insertUser, testProvider } from "../src/testing";

// The FeedEvent table, which post.onChange readers replay from: a reader who
// follows "everything after the last id I saw" must never skip an event.
const testDb = await createTestDatabase();
const { db } = testDb;
// PostgreSQL: a second instance, with its own client (and pool) on the same database. SQLite runs one instance:
// a second client in this process would wait for the first's lock while blocking the event loop it needs.
const other = testProvider === "postgresql" ? createDb(testDb.url) : db;
afterAll(async () => {
  if (other !== db) await closeDatabase(other);
  await testDb.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("a reader following the ids misses nothing while several instances append in overlapping transactions", async () => {
  const author = await insertUser(db);
  const writers = [db, other].flatMap((client) => [client, client]);
  const seen: number[] = [];
  let writing = true;
  const reader = (async () => {
    let position = await readsOf(db).latestFeedEventId();
    while (writing || (await readsOf(db).feedEventsAfter(position, 1)).length > 0) {
      for (const { event } of await readsOf(db).feedEventsAfter(position, 100)) {
        seen.push(event.id);
        position = event.id;
      }
      await pause(1);
    }
  })();
  await Promise.all(
    writers.map(async (client, writer) => {
      for (let i = 0; i < 8; i += 1) {
        await client.$transaction(async (tx) => {
          const post = await tx.post.create({ data: { authorId: author.id, title: `w${writer} #${i}`, content: "c" } });
          await feedLogOf(client).append(tx, "created", post.id);
          // Commit late, while the other writers try to append: an id handed out here must not be read past.
          await pause(Math.random() * 15);
        });
      }
    }),
  );
  writing = false;
  await reader;
  const all = (await db.feedEvent.findMany({ orderBy: { id: "asc" } })).map((event) => event.id);
  expect(all).toHaveLength(32);
  expect(seen).toEqual(all);
});

it("purges up to an id, keeps the newest event, and finds what it kept", async () => {
  const author = await insertUser(db);
  const post = await db.post.create({ data: { authorId: author.id, title: "p", content: "c" } });
  const log = feedLogOf(db);
  for (let i = 0; i < 3; i += 1) await db.$transaction((tx) => log.append(tx, "created", post.id));
  const ids = (await db.feedEvent.findMany({ orderBy: { id: "asc" } })).map((event) => event.id);
  const newest = ids.at(-1)!;
  // Everything is older than "in a minute": all but the newest goes.
  expect(await log.purge(new Date(Date.now() + 60_000))).toBe(ids.length - 1);
  expect((await db.feedEvent.findMany()).map((event) => event.id)).toEqual([newest]);
  expect(await log.find(newest)).toMatchObject({ id: newest, type: "created", postId: post.id });
  expect(await log.find(ids[0]!)).toBeNull();
  expect(await readsOf(db).latestFeedEventId()).toBe(newest);
  // Nothing older than an hour ago: nothing goes.
  expect(await log.purge(new Date(Date.now() - 3_600_000))).toBe(0);
});
