import type { SessionEndReason } from "~/trpc/subscription-events";

const MESSAGES: Record<SessionEndReason, string> = {
  revoked: "You were signed out: this session was ended from another device.",
  signed_out: "You signed out in another tab or window.",
  expired: "Your session expired. Sign in again to carry on.",
  disabled: "You were signed out: your account has been disabled.",
};

/** What the signed-out notice says; null: the stream was refused, the session was already gone (no reason known). */
export function sessionEndedMessage(reason: SessionEndReason | null): string {
  return reason ? MESSAGES[reason] : "Your session has ended. Sign in again to carry on.";
}
