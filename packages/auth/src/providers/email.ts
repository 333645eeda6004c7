import EmailProvider from "next-auth/providers/email";

import { deliverToDevMailbox, devMailboxEnabled } from "../dev-mailbox";
import { env } from "../env";

/** How long a magic link stays valid. */
export const EMAIL_LINK_MAX_AGE_SECONDS = 15 * 60;

/**
 * Magic links through SMTP when EMAIL_SERVER is set; otherwise, outside
 * production only, through the dev mailbox so `pnpm dev` needs no account.
 */
export function emailProvider() {
  if (env.EMAIL_SERVER && env.EMAIL_FROM) {
    return EmailProvider({ server: env.EMAIL_SERVER, from: env.EMAIL_FROM, maxAge: EMAIL_LINK_MAX_AGE_SECONDS });
  }
  if (!devMailboxEnabled) return null;
  return EmailProvider({
    from: "Gatehouse <dev@localhost>",
    maxAge: EMAIL_LINK_MAX_AGE_SECONDS,
    sendVerificationRequest: ({ identifier, url }) => deliverToDevMailbox({ to: identifier, url }),
  });
}
