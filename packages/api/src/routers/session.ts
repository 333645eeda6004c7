import { announceSessionChange, audit } from "@gatehouse/auth";
import { readsOf } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";

import { ownSessionTokenHash } from "../context";
import { describeDevice } from "../device";
import { idInput } from "../schemas/id";
import { protectedProcedure, router } from "../trpc";

// The caller's own sessions only: every query is scoped by userId, so another
// user's session id is simply NOT_FOUND (its existence is not confirmed).
export const sessionRouter = router({
  /** Each live session as a person recognises it: browser and OS, address, when it was last used. */
  list: protectedProcedure.query(async ({ ctx }) => {
    const rows = await readsOf(ctx.db).liveSessionsOf(ctx.session.user.id);
    return rows.map(({ sessionToken, userAgent, ...row }) => ({
      ...row,
      ...describeDevice(userAgent),
      current: sessionToken === ctx.sessionTokenHash,
    }));
  }),

  revoke: protectedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const userId = ctx.session.user.id;
    // The revocation and its audit entry: both or neither.
    await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.session.deleteMany({ where: { id: input.id, userId } });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such session." });
      await audit(tx, { action: "session_revoked", actorId: userId, subjectId: userId, outcome: "success", detail: input.id }, ctx.client);
    });
    // Every instance's session cache forgets it now, not at the end of its TTL.
    await announceSessionChange(ctx.db, { userId, reason: "revoked", sessionId: input.id });
    return { id: input.id };
  }),

  revokeOthers: protectedProcedure.mutation(async ({ ctx }) => {
    // Without the caller's own token there is no "other": refused rather than signing out everything.
    const sessionTokenHash = ownSessionTokenHash(ctx);
    const userId = ctx.session.user.id;
    const revoked = await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.session.deleteMany({ where: { userId, sessionToken: { not: sessionTokenHash } } });
      if (count > 0) {
        await audit(
          tx,
          { action: "session_revoked", actorId: userId, subjectId: userId, outcome: "success", detail: `${count} other session(s)` },
          ctx.client,
        );
      }
      return count;
    });
    if (revoked > 0) await announceSessionChange(ctx.db, { userId, reason: "signed_out_everywhere" });
    return { revoked };
  }),
});
