import { setTimeout as sleep } from "node:timers/promises";

import { changesOf, feedLogOf, POST_TOPIC, type PostChange } from "@gatehouse/db";
import { createTestDatabase, insertSession, insertUser } from "@gatehouse/db/testing";
import type { Adapter } from "next-auth/adapters";
import { afterAll, expect, it, onTestFinished } from "vitest";

import { createAuthOptions, getSessionFromHeaders } from "../src";

// The adapter's deleteUser (next-auth v4 never calls it; an app's "delete my account" would), on a real database:
// the user's sessions stop working and their posts leave the feed the way post.delete's do.
const testDb = await createTestDatabase();
const { db } = testDb;
afterAll(() => testDb.drop());

const authOptions = createAuthOptions({ db, sessionCache: { ttlMs: 60_000, max: 100 } });
const adapter = authOptions.adapter as Required<Adapter>;
const sessionOf = (token: string) => getSessionFromHeaders(new Headers({ cookie: `next-auth.session-token=${token}` }), { authOptions });

/** What this instance hears on the posts topic during the test. */
function postChangesHeard(): PostChange[] {
  const heard: PostChange[] = [];
  onTestFinished(changesOf(db).subscribe(POST_TOPIC, (change) => heard.push(change as PostChange)));
  return heard;
}

const feedEventsOf = async (postIds: string[]) =>
  (await db.feedEvent.findMany({ where: { postId: { in: postIds } }, orderBy: { id: "asc" } })).map(({ type, postId }) => ({
    type,
    postId,
  }));

const insertPost = (authorId: string, title: string) => db.post.create({ data: { authorId, title, content: "c" } });

it("signs the deleted user out at once, cached session included", async () => {
  const user = await insertUser(db);
  const token = await insertSession(db, user.id);
  expect((await sessionOf(token))?.user.id).toBe(user.id); // now in the session cache
  await adapter.deleteUser(user.id);
  expect(await sessionOf(token)).toBeNull();
});

it("takes the deleted user's posts off the feed: a deleted event each, then one notice; others' posts stay", async () => {
  const author = await insertUser(db);
  const other = await insertUser(db);
  const ids = [(await insertPost(author.id, "a1")).id, (await insertPost(author.id, "a2")).id];
  const kept = await insertPost(other.id, "o1");
  const heard = postChangesHeard();

  expect(await adapter.deleteUser(author.id)).toMatchObject({ id: author.id, email: author.email });

  expect(await db.user.findUnique({ where: { id: author.id } })).toBeNull();
  expect(await db.post.count({ where: { id: { in: ids } } })).toBe(0);
  expect(await db.post.findUnique({ where: { id: kept.id } })).not.toBeNull();
  const events = await feedEventsOf([...ids, kept.id]);
  expect(events).toHaveLength(2);
  expect(events).toEqual(expect.arrayContaining(ids.map((postId) => ({ type: "deleted", postId }))));
  expect(heard).toEqual([{ type: "authorDeleted", authorId: author.id }]);
});

it("logs the deletion of a post the user was creating meanwhile, instead of the cascade removing it unlogged", async () => {
  const author = await insertUser(db);
  let inserted!: () => void;
  const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
  // post.create's transaction, held open after its insert while the user is deleted.
  const creating = db.$transaction(async (tx) => {
    const post = await tx.post.create({ data: { authorId: author.id, title: "late", content: "c" } });
    await feedLogOf(db).append(tx, "created", post.id);
    inserted();
    await sleep(300);
    return post;
  });
  await insertedYet;
  const deleting = adapter.deleteUser(author.id);
  const late = await creating;
  await deleting;

  expect(await db.post.findUnique({ where: { id: late.id } })).toBeNull();
  expect(await feedEventsOf([late.id])).toEqual([
    { type: "created", postId: late.id },
    { type: "deleted", postId: late.id },
  ]);
});
