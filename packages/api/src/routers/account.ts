import { sessionBoundStream } from "../streams/session-stream";
import { protectedProcedure, router } from "../trpc";

export const accountRouter = router({
  /**
   * What happens to the caller's sessions, as it happens, on every instance:
   * another of their sessions revoked, all others signed out, their role
   * changed. When this stream's own session ends (sign-out, revoke, expiry, a
   * disabled account) it sends `signed_out` with the reason and ends within a
   * second.
   */
  onSessionEvent: protectedProcedure.subscription(({ ctx, signal }) =>
    sessionBoundStream(ctx, ctx.session, signal, (news) => ({ send: news })),
  ),
});
