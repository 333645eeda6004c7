import { clientInfo, getSessionFromHeaders, readSessionToken, type ClientInfo, type Session } from "@gatehouse/auth";
import { db as defaultDb, hashSessionToken, type Db } from "@gatehouse/db";
import { TRPCError } from "@trpc/server";

import { createPostLoader } from "./caches/post-loader";

/** A session, or how to look it up when (and if) a procedure asks. */
export type SessionSource = Session | null | (() => Promise<Session | null>);

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

export interface InnerContextOptions {
  session: SessionSource;
  db: Db;
  /** The SHA-256 of the session cookie's token (as the rows hold it): marks the caller's own session. */
  sessionTokenHash?: string | null;
  /** Who is on the other end, for the audit trail and per-address limits. */
  client?: ClientInfo;
}

/**
 * The context every procedure sees. Pure: tests build it with any session and
 * database. `getSession` runs the lookup at most once per context; `posts`
 * gathers the post.byId calls of one request into one query.
 */
export function createInnerTRPCContext({
  session,
  db,
  sessionTokenHash = null,
  client = { ip: "unknown", userAgent: null },
}: InnerContextOptions) {
  const lookup = typeof session === "function" ? session : () => Promise.resolve(session);
  return { db, sessionTokenHash, client, getSession: once(lookup), posts: createPostLoader(db) };
}

export type Context = ReturnType<typeof createInnerTRPCContext>;

/**
 * The hash of the caller's own session token. Sessions come from the cookie;
 * an in-process caller with a session but no cookie has no "own" session to
 * keep or to follow, and is refused rather than guessed at.
 */
export function ownSessionTokenHash(ctx: Context): string {
  if (!ctx.sessionTokenHash) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "No current session cookie." });
  return ctx.sessionTokenHash;
}

export interface CreateTRPCContextOptions {
  headers: Headers;
  /** Response headers, for next-auth's refreshed session cookie. */
  resHeaders?: Headers;
  db?: Db;
  /** The session lookup; defaults to next-auth's getServerSession on these headers. */
  getSession?: (headers: Headers, resHeaders?: Headers) => Promise<Session | null>;
}

/**
 * For HTTP: one context per request (a batch shares it), and the session is
 * looked up lazily, so public procedures cost no session query at all.
 */
export function createTRPCContext({
  headers,
  resHeaders,
  db = defaultDb,
  getSession = (h, r) => getSessionFromHeaders(h, { resHeaders: r }),
}: CreateTRPCContextOptions): Context {
  const token = readSessionToken(headers);
  return createInnerTRPCContext({
    db,
    sessionTokenHash: token ? hashSessionToken(token) : null,
    client: clientInfo(headers),
    session: () => getSession(headers, resHeaders),
  });
}
