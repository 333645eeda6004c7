"use server";

import { appRouter } from "@gatehouse/api";

import { action, signInIfAnonymous } from "./action-caller";
import type { SessionActionState } from "./form-state";

// The sessions page's forms, as server actions: they work without JavaScript,
// and run the same procedures (and owner checks) as /api/trpc.
const revokeSession = action(appRouter.session.revoke);
const revokeOtherSessions = action(appRouter.session.revokeOthers);

export async function revokeSessionAction(_previous: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const result = await revokeSession(formData);
  if (result.ok) return { status: "revoked", error: null };
  signInIfAnonymous(result.error, "/account");
  return { status: "failed", error: `Could not sign that session out: ${result.error.message}` };
}

export async function revokeOtherSessionsAction(_previous: SessionActionState, formData: FormData): Promise<SessionActionState> {
  const result = await revokeOtherSessions(formData);
  if (result.ok) return { status: "revoked", error: null };
  signInIfAnonymous(result.error, "/account");
  return { status: "failed", error: `Could not sign the other sessions out: ${result.error.message}` };
}
