import { announceSessionChange } from "@gatehouse/auth";
import { TRPCError } from "@trpc/server";

import { setRoleInput } from "../schemas/admin";
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

  /** Makes a user ADMIN or USER; it applies from their next request, on every instance. */
  setRole: adminProcedure.input(setRoleInput).mutation(async ({ ctx, input }) => {
    // An admin demoting themselves could leave nobody to undo it.
    if (input.userId === ctx.session.user.id) throw new TRPCError({ code: "FORBIDDEN", message: "You cannot change your own role." });
    const { count } = await ctx.db.user.updateMany({ where: { id: input.userId }, data: { role: input.role } });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such user." });
    await announceSessionChange(ctx.db, { userId: input.userId });
    return { userId: input.userId, role: input.role };
  }),
});
