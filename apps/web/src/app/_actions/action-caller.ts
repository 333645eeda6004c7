import "server-only";

import { createTRPCContext } from "@gatehouse/api";
import { createServerActionCaller, type ActionError } from "@gatehouse/api/server-actions";
import { signInPath } from "@gatehouse/auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

// The same context factory as /api/trpc, on the action's own request: the
// session comes from getServerSession, and the procedures' checks apply as they are.
export const action = createServerActionCaller(async () => createTRPCContext({ headers: await headers() }));

/** An anonymous submission goes to sign-in (coming back to `returnTo`); nothing was written. */
export function signInIfAnonymous(error: ActionError, returnTo: string): void {
  if (error.data.code === "UNAUTHORIZED") redirect(signInPath(returnTo));
}
