import { announcePostChange, feedLogOf, hasPrismaCode, postWithAuthorSelect, PRISMA_FOREIGN_KEY, Role } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";

import { feedCacheFor } from "../caches/feed-cache";
import { env } from "../env";
import { enforceLimit } from "../rate-limited";
import { idInput } from "../schemas/id";
import { keysetPage } from "../schemas/keyset";
import { createPostInput, feedChangesInput, listPostsInput } from "../schemas/post";
import { feedStream } from "../streams/feed-stream";
import { protectedProcedure, publicProcedure, router } from "../trpc";

export const postRouter = router({
  // Pages come from the feed cache; a miss reads through the hot-path SQL
  // (packages/db/src/reads), after a cursor by a keyset seek to it.
  list: publicProcedure.input(listPostsInput).query(async ({ ctx, input: { limit, cursor } }) => {
    const page = await feedCacheFor(ctx.db).page(cursor ?? null, limit + 1);
    // eventId (first page only): where this read stands in post.onChange's events, for a gap-free subscription.
    return { ...keysetPage(page.rows, limit, (post) => post.createdAt), eventId: page.eventId };
  }),

  /**
   * The feed's changes as they happen, on every instance: created posts (whole)
   * and deleted ones (by id), each `tracked()` with its event id. Reconnecting
   * with the last id replays what was missed within FEED_REPLAY_WINDOW_MS, or
   * sends `reset` (read the feed again). Public: a signed-in reader whose session
   * ends simply carries on.
   */
  onChange: publicProcedure
    .input(feedChangesInput)
    .subscription(({ ctx, input, signal }) => feedStream(ctx, input.lastEventId ?? null, signal)),

  byId: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const post = await ctx.posts.load(input.id);
    if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "No such post." });
    return post;
  }),

  create: protectedProcedure.input(createPostInput).mutation(async ({ ctx, input }) => {
    await enforceLimit(ctx.db, "post.create", env.RATE_LIMIT_POST_CREATE_PER_USER, ctx.session.user.id);
    // The post and its feed event: both or neither.
    const post = await ctx.db
      .$transaction(async (tx) => {
        const created = await tx.post.create({ data: { ...input, authorId: ctx.session.user.id }, select: postWithAuthorSelect });
        await feedLogOf(ctx.db).append(tx, "created", created.id);
        return created;
      })
      .catch(refuseIfAuthorGone);
    await announcePostChange(ctx.db, { type: "created", id: post.id });
    return post;
  }),

  delete: protectedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const post = await ctx.db.post.findUnique({ where: { id: input.id }, select: { authorId: true } });
    if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "No such post." });
    const { user } = ctx.session;
    if (post.authorId !== user.id && user.role !== Role.ADMIN) {
      throw new TRPCError({ code: "FORBIDDEN", message: "You can only delete your own posts." });
    }
    // deleteMany, not delete: a concurrent delete of the same post is a 404, not a 500.
    await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.post.deleteMany({ where: { id: input.id } });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such post." });
      await feedLogOf(ctx.db).append(tx, "deleted", input.id);
    });
    await announcePostChange(ctx.db, { type: "deleted", id: input.id });
    return { id: input.id };
  }),
});

/** The author's account was deleted after their session was checked: the insert fails on its foreign key. */
function refuseIfAuthorGone(error: unknown): never {
  if (hasPrismaCode(error, PRISMA_FOREIGN_KEY)) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Your account no longer exists." });
  }
  throw error;
}
