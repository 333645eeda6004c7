import { announceSessionChange, audit } from "@gatehouse/auth";
import { Role } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";

import { readAdminStats, type AdminStats } from "../admin-stats";

import { adminPageInput, adminRefusals, setRoleInput, setUserDisabledInput } from "../schemas/admin";
import { afterKeyset, keysetPage } from "../schemas/keyset";
import { sessionBoundStream } from "../streams/session-stream";
import { statsHubFor } from "../streams/stats-hub";
import { adminProcedure, router } from "../trpc";

export const adminRouter = router({
  stats: adminProcedure.query(({ ctx }) => readAdminStats(ctx.db)),

  /**
   * The counts, now and each time they change (on any instance). Ends when
   * the caller's session ends or they are no longer an admin.
   */
  onStats: adminProcedure.subscription(({ ctx, signal }) =>
    sessionBoundStream<AdminStats>(
      ctx,
      ctx.session,
      signal,
      (news) => ({ end: news.type === "role_changed" && news.role !== Role.ADMIN }),
      (push) => statsHubFor(ctx.db).subscribe(push),
    ),
  ),

  /** Users, newest first, with their role and whether they are disabled. */
  users: adminProcedure.input(adminPageInput).query(async ({ ctx, input: { limit, cursor } }) => {
    const rows = await ctx.db.user.findMany({
      where: afterKeyset("createdAt", cursor),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: { id: true, name: true, email: true, role: true, disabledAt: true, createdAt: true },
    });
    return keysetPage(rows, limit, (row) => row.createdAt);
  }),

  /** The audit trail, newest first. */
  auditLog: adminProcedure.input(adminPageInput).query(async ({ ctx, input: { limit, cursor } }) => {
    const rows = await ctx.db.auditLog.findMany({
      where: afterKeyset("at", cursor),
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: { id: true, at: true, action: true, actorId: true, subjectId: true, ip: true, userAgent: true, outcome: true },
    });
    return keysetPage(rows, limit, (row) => row.at);
  }),

  /** Makes a user ADMIN or USER; it applies from their next request, on every instance. */
  setRole: adminProcedure.input(setRoleInput).mutation(async ({ ctx, input }) => {
    // An admin demoting themselves could leave nobody to undo it.
    if (input.userId === ctx.session.user.id) throw new TRPCError({ code: "FORBIDDEN", message: adminRefusals.ownRole });
    await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({ where: { id: input.userId }, data: { role: input.role } });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: adminRefusals.noSuchUser });
      await audit(
        tx,
        { action: "role_changed", actorId: ctx.session.user.id, subjectId: input.userId, outcome: "success", detail: input.role },
        ctx.client,
      );
    });
    await announceSessionChange(ctx.db, { userId: input.userId, reason: "role_changed" });
    return { userId: input.userId, role: input.role };
  }),

  /**
   * Disables a user (their sessions end on their next request, on every
   * instance, and no provider signs them in again) or enables them again.
   */
  setUserDisabled: adminProcedure.input(setUserDisabledInput).mutation(async ({ ctx, input }) => {
    if (input.userId === ctx.session.user.id) throw new TRPCError({ code: "FORBIDDEN", message: adminRefusals.ownAccount });
    await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({ where: { id: input.userId }, data: { disabledAt: input.disabled ? new Date() : null } });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: adminRefusals.noSuchUser });
      // Re-enabling does not bring old sessions back: the person signs in again.
      if (input.disabled) await tx.session.deleteMany({ where: { userId: input.userId } });
      await audit(
        tx,
        {
          action: input.disabled ? "user_disabled" : "user_enabled",
          actorId: ctx.session.user.id,
          subjectId: input.userId,
          outcome: "success",
        },
        ctx.client,
      );
    });
    await announceSessionChange(ctx.db, { userId: input.userId, reason: input.disabled ? "disabled" : "enabled" });
    return { userId: input.userId, disabled: input.disabled };
  }),
});
