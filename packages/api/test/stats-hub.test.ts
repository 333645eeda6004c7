import { setTimeout as sleep } from "node:timers/promises";

import { announcePostChange } from "@gatehouse/db";
import { createTestDatabase, insertUser } from "@gatehouse/db/testing";
import { afterAll, describe, expect, it } from "vitest";

import type { AdminStats } from "../src/admin-stats";
import { statsHubFor } from "../src/streams/stats-hub";

// The hub behind admin.onStats, on a real database: what each watcher hears, and when.
const testDb = await createTestDatabase();
const { db } = testDb;
afterAll(() => testDb.drop());

function watch() {
  const heard: AdminStats[] = [];
  const stop = statsHubFor(db).subscribe((stats) => heard.push(stats));
  return { heard, stop };
}

describe("the admin counts' hub", () => {
  it("a watcher who arrives while a re-read is pending hears the counts once, not twice", async () => {
    await insertUser(db);
    const first = watch();
    await expect.poll(() => first.heard.length).toBe(1);
    // A change: the hub reads again after its settle time (250 ms); the first watcher leaves before that.
    await announcePostChange(db, { type: "created", id: "nothing-new" });
    await sleep(50);
    first.stop();
    const second = watch();
    await sleep(600);
    expect(second.heard).toEqual([{ users: 1, posts: 0, sessions: 0 }]);
    second.stop();
  });

  it("hands each watcher a change once, however many watch", async () => {
    const watchers = [watch(), watch()];
    await expect.poll(() => watchers.map((w) => w.heard.length)).toEqual([1, 1]);
    const before = watchers[0]!.heard[0]!;
    const author = await insertUser(db);
    await db.post.create({ data: { authorId: author.id, title: "t", content: "c" } });
    await announcePostChange(db, { type: "created", id: "counted" });
    await expect.poll(() => watchers.map((w) => w.heard.at(-1)?.posts)).toEqual([before.posts + 1, before.posts + 1]);
    await sleep(600);
    for (const { heard, stop } of watchers) {
      expect(heard).toEqual([before, { users: before.users + 1, posts: before.posts + 1, sessions: before.sessions }]);
      stop();
    }
  });
});
