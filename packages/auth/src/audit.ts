import type { Db } from "@gatehouse/db";

import { clientInfo, log, type ClientInfo } from "./request-context";

export type AuditAction = "sign_in" | "sign_in_failed" | "sign_out" | "session_revoked" | "role_changed" | "user_disabled" | "user_enabled";

export interface AuditEntry {
  action: AuditAction;
  /** Who did it (null when nobody was signed in, e.g. a failed sign-in). */
  actorId?: string | null;
  /** Whose account it concerns. */
  subjectId?: string | null;
  /** "success", or why it failed (next-auth's error code, "disabled", "rate_limited"). */
  outcome: string;
  /** e.g. the provider of a sign-in, the new role. */
  detail?: string | null;
}

/** The client of the request in flight, from next/headers (where next-auth's events run); unknown outside one. */
export async function requestClient(): Promise<ClientInfo> {
  try {
    const { headers } = await import("next/headers");
    return clientInfo(await headers());
  } catch {
    return { ip: "unknown", userAgent: null };
  }
}

type AuditWriter = Pick<Db, "auditLog">;

/**
 * One row of the audit trail. Pass the transaction client (`tx`) when the change
 * itself is written in a transaction, so both are written or neither.
 */
export async function audit(db: AuditWriter, entry: AuditEntry, client?: ClientInfo): Promise<void> {
  const { ip, userAgent } = client ?? (await requestClient());
  await db.auditLog.create({ data: { ...entry, ip, userAgent } });
}

/** For events that must not fail the request they describe (a sign-in already done): a failed write is logged. */
export function auditInBackground(db: AuditWriter, entry: AuditEntry, client?: ClientInfo): Promise<void> {
  return audit(db, entry, client).catch((error: unknown) => log().error({ err: error, entry }, "audit entry not written"));
}
