import { changesOf, perClient, type Db, type SessionAndUser } from "@gatehouse/db";
import { LRUCache } from "lru-cache";

import { env } from "./env";

/**
 * Session lookups, remembered for a few seconds. Most requests of a signed-in
 * person carry the same cookie; without this each one is a database round trip.
 *
 * What it trades: another instance's change reaches this one through a notice
 * (LISTEN/NOTIFY on PostgreSQL, within milliseconds); a change no notice
 * announces (a script on SQLite, a notice lost while the listener reconnects,
 * which also flushes the cache) is seen within the TTL at the latest.
 *
 * Keys are the SHA-256 of the token (hashSessionToken, as the rows hold it), never
 * the token. Bounded in entries.
 */
export interface SessionCacheOptions {
  /** How long an entry may be used without asking the database; 0 turns the cache off. */
  ttlMs: number;
  /** Entries kept at most (least recently used go first). */
  max: number;
}

/**
 * Why sessions changed. The cache only needs "whose"; open streams (the api's
 * session watch) tell the person what happened.
 */
export type SessionChangeReason =
  | "signed_in"
  | "refreshed"
  | "signed_out"
  | "revoked"
  | "signed_out_everywhere"
  | "role_changed"
  | "disabled"
  | "enabled"
  | "user_updated"
  | "user_deleted";

/**
 * What changed: every session of a user, or one session (by the hash of its
 * token, never the token), and why. `sessionId` names the session a revoke ended.
 */
export type SessionChange = ({ userId: string; tokenHash?: undefined } | { tokenHash: string; userId?: string }) & {
  reason: SessionChangeReason;
  sessionId?: string;
};

export const SESSION_TOPIC = "sessions";

export interface SessionCache {
  /**
   * Runs `lookup` on a miss (once, however many requests miss together), and
   * remembers its answer unless a change arrived meanwhile.
   */
  getOrLoad: (tokenHash: string, lookup: () => Promise<SessionAndUser | null>) => Promise<SessionAndUser | null>;
  size: () => number;
}

function createSessionCache(db: Db, { ttlMs, max }: SessionCacheOptions): SessionCache {
  const entries = new LRUCache<string, SessionAndUser>({ max, ttl: ttlMs });
  const loading = new Map<string, Promise<SessionAndUser | null>>();
  // Bumped by every change: a lookup that started before one must not store its (maybe stale) answer.
  let epoch = 0;
  const drop = (change: SessionChange) => {
    // A new session changes nothing anyone has cached.
    if (change.reason === "signed_in") return;
    epoch += 1;
    if (change.tokenHash) entries.delete(change.tokenHash);
    else for (const [key, value] of entries.entries()) if (value.userId === change.userId) entries.delete(key);
  };
  const changes = changesOf(db);
  changes.subscribe(SESSION_TOPIC, (payload) => drop(payload as SessionChange));
  changes.onMissed(() => {
    epoch += 1;
    entries.clear();
  });
  const load = async (key: string, lookup: () => Promise<SessionAndUser | null>) => {
    const started = epoch;
    const found = await lookup();
    // An entry never outlives the session itself.
    const ttl = found ? Math.min(ttlMs, found.expires.getTime() - Date.now()) : 0;
    if (found && ttl > 0 && epoch === started) entries.set(key, found, { ttl });
    return found;
  };
  return {
    getOrLoad: (key, lookup) => {
      const hit = entries.get(key);
      if (hit) return Promise.resolve(hit);
      let pending = loading.get(key);
      if (!pending) {
        pending = load(key, lookup).finally(() => loading.delete(key));
        loading.set(key, pending);
      }
      return pending;
    },
    size: () => entries.size,
  };
}

const noCache: SessionCache = { getOrLoad: (_, lookup) => lookup(), size: () => 0 };

export function sessionCacheFor(
  db: Db,
  options: SessionCacheOptions = { ttlMs: env.SESSION_CACHE_TTL_MS, max: env.SESSION_CACHE_MAX },
): SessionCache {
  if (options.ttlMs <= 0) return noCache;
  // One per client: every copy of this module (Next bundles one per route) must use, and drop entries from, the same one.
  // Keyed by the options too: a caller with other options gets a cache that honours them, not the first one's.
  return perClient(db, `auth.sessionCache ${options.ttlMs}/${options.max}`, () => createSessionCache(db, options));
}

/**
 * Tells every instance's cache and open streams (this one's at once) that
 * sessions changed: sign-in, sign-out, revoke, role change, a disabled or
 * deleted user.
 */
export function announceSessionChange(db: Db, change: SessionChange): Promise<void> {
  return changesOf(db).publish(SESSION_TOPIC, change);
}
