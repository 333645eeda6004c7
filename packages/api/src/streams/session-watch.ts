import { SESSION_TOPIC, type SessionChange, type SessionChangeReason } from "@gatehouse/auth";
import { changesOf, perClient, readsOf, type Db, type Role, type SessionAndUser } from "@gatehouse/db";

/** Why a stream's own session ended. */
export type SessionEndReason = "signed_out" | "revoked" | "expired" | "disabled";

/** What a signed-in person's streams hear about their sessions. */
export type SessionNews =
  | { type: "session_revoked"; sessionId: string }
  | { type: "signed_out_everywhere" }
  | { type: "role_changed"; role: Role }
  /** The last one: this stream's own session is over. */
  | { type: "signed_out"; reason: SessionEndReason };

export interface WatchedSession {
  userId: string;
  /** The SHA-256 of the session cookie's token, as the Session row holds it. */
  tokenHash: string;
  role: Role;
  expires: Date;
}

interface Watch extends WatchedSession {
  tell: (news: SessionNews) => void;
  timer?: NodeJS.Timeout;
  over: boolean;
}

// A notice can be lost (the PostgreSQL listener reconnecting announces that, a script
// writing to SQLite does not): every watched session is looked at again this often.
const SWEEP_MS = 60_000;
// setTimeout's limit; a session further away than this is looked at again then.
const MAX_TIMER_MS = 2 ** 31 - 1;

const END_REASONS: Partial<Record<SessionChangeReason, SessionEndReason>> = {
  signed_out: "signed_out",
  disabled: "disabled",
};

/**
 * The sessions that this instance's open streams belong to. A notice that a
 * session or its user changed (on any instance: the same notice the session
 * cache drops entries on) makes each stream concerned look its session up in
 * the database: gone or expired ends the stream within milliseconds, a new role
 * or another device's revocation is told to it. A timer at the session's expiry
 * ends it then (unless the session was extended meanwhile).
 */
class SessionWatch {
  readonly #byToken = new Map<string, Set<Watch>>();
  readonly #byUser = new Map<string, Set<Watch>>();

  constructor(private readonly db: Db) {
    const changes = changesOf(db);
    changes.subscribe(SESSION_TOPIC, (payload) => this.#changed(payload as SessionChange));
    changes.onMissed(() => this.#recheck(this.#all(), null));
    setInterval(() => this.#recheck(this.#all(), null), SWEEP_MS).unref();
  }

  /** Tells `tell` what happens to the session until it ends (the last news) or `unwatch` is called. */
  watch(session: WatchedSession, tell: (news: SessionNews) => void): () => void {
    const watch: Watch = { ...session, tell, over: false };
    add(this.#byToken, session.tokenHash, watch);
    add(this.#byUser, session.userId, watch);
    this.#schedule(watch);
    // Looked at once now too: a change announced between the caller's lookup (perhaps answered by the session
    // cache) and this watch found no watch to tell, and would otherwise wait for the sweep.
    this.#recheck([watch], null);
    return () => this.#forget(watch);
  }

  #changed(change: SessionChange): void {
    // A new session, or one whose expiry moved later, ends nothing (the timer looks again at expiry).
    if (change.reason === "signed_in" || change.reason === "refreshed") return;
    const watches = change.tokenHash !== undefined ? this.#byToken.get(change.tokenHash) : this.#byUser.get(change.userId);
    if (watches) this.#recheck([...watches], change);
  }

  /** One lookup per session, however many streams it has open. */
  #recheck(watches: Watch[], change: SessionChange | null): void {
    const byToken = new Map<string, Watch[]>();
    for (const watch of watches) byToken.set(watch.tokenHash, [...(byToken.get(watch.tokenHash) ?? []), watch]);
    for (const [tokenHash, group] of byToken) {
      readsOf(this.db)
        .sessionAndUser(tokenHash)
        .then(
          (found) => {
            for (const watch of group) this.#apply(watch, found, change);
          },
          (error: unknown) => console.warn(`[streams] could not look a session up again: ${(error as Error).message}`),
        );
    }
  }

  #apply(watch: Watch, found: SessionAndUser | null, change: SessionChange | null): void {
    if (watch.over) return;
    if (!found || found.expires.getTime() <= Date.now()) {
      const reason = found ? "expired" : ((change && END_REASONS[change.reason]) ?? "revoked");
      watch.tell({ type: "signed_out", reason });
      this.#forget(watch);
      return;
    }
    if (found.user.role !== watch.role) {
      watch.role = found.user.role;
      watch.tell({ type: "role_changed", role: found.user.role });
    }
    if (change?.reason === "revoked" && change.sessionId) watch.tell({ type: "session_revoked", sessionId: change.sessionId });
    if (change?.reason === "signed_out_everywhere") watch.tell({ type: "signed_out_everywhere" });
    watch.expires = found.expires;
    // Even when the expiry has not moved: a timer can fire a few milliseconds before Date.now() reaches the expiry
    // it was set for (Node takes the loop's time once per iteration), and must then look again, not give up.
    this.#schedule(watch);
  }

  #schedule(watch: Watch): void {
    clearTimeout(watch.timer);
    const ms = Math.max(0, Math.min(watch.expires.getTime() - Date.now(), MAX_TIMER_MS));
    watch.timer = setTimeout(() => this.#recheck([watch], null), ms);
    watch.timer.unref();
  }

  #forget(watch: Watch): void {
    watch.over = true;
    clearTimeout(watch.timer);
    remove(this.#byToken, watch.tokenHash, watch);
    remove(this.#byUser, watch.userId, watch);
  }

  #all(): Watch[] {
    return [...this.#byToken.values()].flatMap((watches) => [...watches]);
  }
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key) ?? new Set();
  map.set(key, set.add(value));
}

function remove<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  set?.delete(value);
  if (set?.size === 0) map.delete(key);
}

export const sessionWatchFor = (db: Db): SessionWatch => perClient(db, "api.sessionWatch", () => new SessionWatch(db));
