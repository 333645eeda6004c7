import { Role } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";

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

const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as const;

export const postRouter = router({
  list: publicProcedure.input(listPostsInput).query(async ({ ctx, input: { limit, cursor } }) => {
    const rows = await ctx.db.post.findMany({
      where: cursor
        ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }
        : undefined,
      orderBy: [...newestFirst],
      take: limit + 1,
      select: postSelect,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodePostCursor(last) : null };
  }),

  byId: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const post = await ctx.db.post.findUnique({ where: { id: input.id }, select: postSelect });
    if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "No such post." });
    return post;
  }),

  create: protectedProcedure.input(createPostInput).mutation(({ ctx, input }) =>
    ctx.db.post.create({ data: { ...input, authorId: ctx.session.user.id }, select: postSelect }),
  ),

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
    return { id: input.id };
  }),
});
