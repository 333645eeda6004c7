import { z } from "zod";

import { encodeKeyset, keysetCursor } from "./keyset";
import { storableString } from "./text";

// The procedures' inputs; the web forms reach them through server actions, so one set of rules and messages.

const POST_TITLE_MAX = 120;
const POST_CONTENT_MAX = 5000;
export const POST_PAGE_MAX = 50;
const POST_PAGE_DEFAULT = 20;

export const createPostInput = z.object({
  title: storableString().trim().min(1, "Title is required.").max(POST_TITLE_MAX, `Title must be at most ${POST_TITLE_MAX} characters.`),
  content: storableString()
    .trim()
    .min(1, "Content is required.")
    .max(POST_CONTENT_MAX, `Content must be at most ${POST_CONTENT_MAX} characters.`),
});

/** The feed's cursor: the (createdAt, id) of the last post on the previous page. */
export function encodePostCursor({ createdAt, id }: { createdAt: Date; id: string }): string {
  return encodeKeyset({ at: createdAt, id });
}

const postCursor = keysetCursor.transform(({ at, id }) => ({ createdAt: at, id }));

export const listPostsInput = z
  .object({
    limit: z.number().int().min(1).max(POST_PAGE_MAX).default(POST_PAGE_DEFAULT),
    cursor: postCursor.nullish(),
  })
  .prefault({});

/**
 * post.onChange: where the reader stands, as an event id. Sent back on
 * reconnect by tRPC's client (and as Last-Event-ID by a plain EventSource); a
 * fresh reader passes the `eventId` of the feed page it read, so that nothing
 * between that read and the stream's start is missed.
 */
export const feedChangesInput = z
  .object({
    lastEventId: z
      .string()
      .regex(/^\d{1,10}$/, "lastEventId is an event id: digits only.")
      .transform(Number)
      // FeedEvent.id is a 32-bit Int on PostgreSQL, which refuses to compare one with a larger number.
      .pipe(z.number().max(2 ** 31 - 1, "lastEventId is an event id: too large."))
      .nullish(),
  })
  .prefault({});
