import { changesOf, type Db } from "@gatehouse/db";

/** Posts appear and disappear: the feed cache drops its page, streams tell their readers. Ids, never rows. */
export type PostChange = { type: "created"; id: string } | { type: "deleted"; id: string };

export const POST_TOPIC = "posts";

export function announcePostChange(db: Db, change: PostChange): Promise<void> {
  return changesOf(db).publish(POST_TOPIC, change);
}
