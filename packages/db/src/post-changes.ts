import type { Db } from "./client";
import { changesOf } from "./services";

/**
 * Posts appear and disappear: the feed cache drops its page, streams tell their readers (from the feed's log,
 * where each post has its event). Ids, never rows. A deleted user's posts go in one notice, not one per post.
 */
export type PostChange = { type: "created"; id: string } | { type: "deleted"; id: string } | { type: "authorDeleted"; authorId: string };

export const POST_TOPIC = "posts";

export function announcePostChange(db: Db, change: PostChange): Promise<void> {
  return changesOf(db).publish(POST_TOPIC, change);
}
