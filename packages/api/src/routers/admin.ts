import { adminProcedure, router } from "../trpc";

export const adminRouter = router({
  stats: adminProcedure.query(async ({ ctx }) => {
    const [users, posts, sessions] = await Promise.all([
      ctx.db.user.count(),
      ctx.db.post.count(),
      // Expired rows linger until their owner's next lookup; count live ones only.
      ctx.db.session.count({ where: { expires: { gt: new Date() } } }),
    ]);
    return { users, posts, sessions };
  }),
});
