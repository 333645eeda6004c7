import { z } from "zod";

// The procedures' inputs; the web forms reach them through server actions, so one set of rules and messages.

const POST_TITLE_MAX = 120;
const POST_CONTENT_MAX = 5000;
const POST_PAGE_MAX = 50;
const POST_PAGE_DEFAULT = 20;

export const createPostInput = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Title is required.")
    .max(POST_TITLE_MAX, `Title must be at most ${POST_TITLE_MAX} characters.`),
  content: z
    .string()
    .trim()
    .min(1, "Content is required.")
    .max(POST_CONTENT_MAX, `Content must be at most ${POST_CONTENT_MAX} characters.`),
});

/** An opaque keyset cursor: the (createdAt, id) of the last post on the previous page. */
export interface PostCursor {
  createdAt: Date;
  id: string;
}

export function encodePostCursor({ createdAt, id }: PostCursor): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");
}

const decodedCursor = z.tuple([z.iso.datetime(), z.string().min(1).max(64)]);

const postCursor = z
  .string()
  .max(200)
  .transform((value, ctx): PostCursor => {
    try {
      const [createdAt, id] = decodedCursor.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
      return { createdAt: new Date(createdAt), id };
    } catch {
      ctx.addIssue({ code: "custom", message: "Invalid cursor." });
      return z.NEVER;
    }
  });

export const listPostsInput = z
  .object({
    limit: z.number().int().min(1).max(POST_PAGE_MAX).default(POST_PAGE_DEFAULT),
    cursor: postCursor.nullish(),
  })
  .prefault({});
