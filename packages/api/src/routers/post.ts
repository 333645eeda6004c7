import { readsOf, Role } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";

import { feedCacheFor } from "../caches/feed-cache";
import { env } from "../env";
import { enforceLimit } from "../rate-limited";
import { announcePostChange } from "../post-changes";
import { idInput } from "../schemas/id";
import { createPostInput, encodePostCursor, listPostsInput } from "../schemas/post";
import { protectedProcedure, publicProcedure, router } from "../trpc";

const postSelect = {
  id: true,
  title: true,
  content: true,
  createdAt: true,
  author: { select: { id: true, name: true, image: true } },
} as const;

export const postRouter = router({
  // Reads go through the hot-path SQL (packages/db/src/reads): the first page from
  // the feed cache, the others by a keyset seek to the cursor.
  list: publicProcedure.input(listPostsInput).query(async ({ ctx, input: { limit, cursor } }) => {
    const rows = cursor ? await readsOf(ctx.db).postsPage(cursor, limit + 1) : await feedCacheFor(ctx.db).firstPage(limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodePostCursor(last) : null };
  }),

  byId: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const post = await ctx.posts.load(input.id);
    if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "No such post." });
    return post;
  }),

  create: protectedProcedure.input(createPostInput).mutation(async ({ ctx, input }) => {
    await enforceLimit(ctx.db, "post.create", env.RATE_LIMIT_POST_CREATE_PER_USER, ctx.session.user.id);
    const post = await ctx.db.post.create({ data: { ...input, authorId: ctx.session.user.id }, select: postSelect });
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
    const { count } = await ctx.db.post.deleteMany({ where: { id: input.id } });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such post." });
    await announcePostChange(ctx.db, { type: "deleted", id: input.id });
    return { id: input.id };
  }),
});
