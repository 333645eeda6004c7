import { issueServiceToken } from "@gatehouse/auth";

import { serviceTokenInput } from "../schemas/service-token";
import { protectedProcedure, publicProcedure, router } from "../trpc";

export const authRouter = router({
  getSession: publicProcedure.query(({ ctx }) => ctx.getSession()),

  me: protectedProcedure.query(({ ctx }) => {
    // The session callback reads the user row on every lookup, so this is current.
    const { id, name, email, image, role } = ctx.session.user;
    return { id, name: name ?? null, email: email ?? null, image: image ?? null, role };
  }),

  /** A short-lived JWT that tells another service (the audience) who the caller is: `{ token, expiresAt }`. */
  serviceToken: protectedProcedure
    .input(serviceTokenInput)
    .mutation(({ ctx, input }) => issueServiceToken(ctx.session.user, input.audience)),
});
