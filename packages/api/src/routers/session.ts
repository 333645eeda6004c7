import { announceSessionChange } from "@gatehouse/auth";
import { readsOf } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";

import { idInput } from "../schemas/id";
import { protectedProcedure, router } from "../trpc";

// The caller's own sessions only: every query is scoped by userId, so another
// user's session id is simply NOT_FOUND (its existence is not confirmed).
export const sessionRouter = router({
  list: protectedProcedure.query(async ({ ctx }) => {
    const rows = await readsOf(ctx.db).liveSessionsOf(ctx.session.user.id);
    // The token is a bearer credential: compare it here, never send it.
    return rows.map(({ sessionToken, ...row }) => ({ ...row, current: sessionToken === ctx.sessionToken }));
  }),

  revoke: protectedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.session.deleteMany({ where: { id: input.id, userId: ctx.session.user.id } });
    if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
    // Every instance's session cache forgets it now, not at the end of its TTL.
    await announceSessionChange(ctx.db, { userId: ctx.session.user.id });
    return { id: input.id };
  }),

  revokeOthers: protectedProcedure.mutation(async ({ ctx }) => {
    if (!ctx.sessionToken) {
      // Without the caller's own token there is no "other": refuse rather than sign out everything.
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "No current session cookie." });
    }
    const { count } = await ctx.db.session.deleteMany({
      where: { userId: ctx.session.user.id, sessionToken: { not: ctx.sessionToken } },
    });
    if (count > 0) await announceSessionChange(ctx.db, { userId: ctx.session.user.id });
    return { revoked: count };
  }),
});
