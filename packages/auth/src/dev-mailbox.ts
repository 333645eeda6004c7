/**
 * Development stand-in for an SMTP server: sign-in links are printed in the
 * server log and kept in memory for the /dev/mailbox page.
 */
import { env } from "./env";

/** On outside production when no SMTP server is configured. */
export const devMailboxEnabled = env.NODE_ENV !== "production" && !env.EMAIL_SERVER;

export interface DevMail {
  to: string;
  url: string;
  sentAt: Date;
}

const KEEP = 20;

// On globalThis: Next bundles the auth route and the mailbox page separately,
// and both must see the same list.
const store = globalThis as unknown as { gatehouseDevMailbox?: DevMail[] };

export function deliverToDevMailbox(mail: Omit<DevMail, "sentAt">): void {
  const mails = (store.gatehouseDevMailbox ??= []);
  mails.unshift({ ...mail, sentAt: new Date() });
  mails.length = Math.min(mails.length, KEEP);
  console.info(`\n[dev mailbox] Sign-in link for ${mail.to}:\n  ${mail.url}\n`);
}

/** Newest first. */
export function readDevMailbox(): readonly DevMail[] {
  return store.gatehouseDevMailbox ?? [];
}
