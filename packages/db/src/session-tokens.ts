import { createHash } from "node:crypto";

import type { Db } from "./client";

/**
 * Session rows hold the SHA-256 (hex) of the cookie's token, never the token:
 * a leaked backup or a read-only SQL injection signs no one in. Whoever has a
 * token (a request's cookie) hashes it to find the row.
 */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Hashes the tokens of rows written before tokens were hashed, so those
 * sessions stay valid. next-auth's tokens are UUIDs, and a hash (hex) has no
 * "-": the database finds the legacy rows, and after the first deploy there are
 * none to read. Idempotent: `pnpm db:migrate` runs it after every deploy of
 * migrations.
 */
export async function hashLegacySessionTokens(db: Db): Promise<number> {
  const legacy = await db.session.findMany({ where: { sessionToken: { contains: "-" } }, select: { id: true, sessionToken: true } });
  for (const row of legacy) {
    await db.session.updateMany({
      where: { id: row.id, sessionToken: row.sessionToken },
      data: { sessionToken: hashSessionToken(row.sessionToken) },
    });
  }
  return legacy.length;
}
