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

const HASHED = /^[0-9a-f]{64}$/;

/**
 * Hashes the tokens of rows written before tokens were hashed (next-auth makes
 * UUIDs; a hash is 64 hex digits), so those sessions stay valid. Idempotent:
 * `pnpm db:migrate` runs it after every deploy of migrations.
 */
export async function hashLegacySessionTokens(db: Db): Promise<number> {
  const rows = await db.session.findMany({ select: { id: true, sessionToken: true } });
  const legacy = rows.filter((row) => !HASHED.test(row.sessionToken));
  for (const row of legacy) {
    await db.session.updateMany({
      where: { id: row.id, sessionToken: row.sessionToken },
      data: { sessionToken: hashSessionToken(row.sessionToken) },
    });
  }
  return legacy.length;
}
