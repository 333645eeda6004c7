import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

import { log, noteRequestSession, requestSessionReader, SESSION_TOPIC, type RequestSession, type SessionChange } from "@gatehouse/auth";
import { CSRF_COOKIE } from "@gatehouse/auth/csrf";
import { parseRequestCookies, readSessionToken } from "@gatehouse/auth/session-cookie";
import { changesOf, POST_TOPIC, type Db } from "@gatehouse/db";
import { LRUCache } from "lru-cache";
import Negotiator from "negotiator";

import { env } from "../env";

import { newNonce } from "./content-security-policy";
import { captureBody } from "./response-capture";

/**
 * The home page, as Next rendered it for one visitor, served again from memory.
 * Every page renders on demand (each response needs a fresh CSP nonce), which
 * costs several plain requests; a copy costs a fraction of one. Each copy
 * served gets a nonce of its own: the page is kept cut where the nonce it was
 * rendered with stood (in its Content-Security-Policy and on its scripts), and
 * joined with a fresh one. Nothing a visitor wrote can hold that nonce: it did
 * not exist before the render.
 *
 * Kept per visitor: one copy for everyone signed out, one per session and CSRF
 * cookie (the page shows the user and embeds their sign-out form's token),
 * keyed by a hash of both, never the tokens. A response that sets a cookie, is
 * not a 200 or is not HTML is never kept.
 *
 * What it trades: every copy is dropped at once, on every instance, when a post
 * is created or deleted or a session or user changes (sign-out, revoke, role,
 * name, disabled, deleted: the same notices the session and feed caches hear).
 * A copy never outlives the session it was rendered for. A change nobody
 * announces (a script writing to the database) shows after PAGE_CACHE_TTL_MS
 * at the latest, as do the feed data's `dataUpdatedAt` times the page hands
 * React Query. A page served from memory does not look the session up, so it
 * does not count as the session's use ("last active"). Bounded in bytes
 * (PAGE_CACHE_MAX_BYTES).
 *
 * Only the home page: it reads nothing of the request but those two cookies. A
 * page added here must be keyed on whatever else it reads.
 */
export interface PageCacheOptions {
  /** How long a copy may be served; 0 turns the cache off. */
  ttlMs: number;
  maxBytes: number;
}

type Render = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface PageCache {
  /** Answers `req` from memory, or has `render` (Next) answer it, keeping a copy when it may be served again. */
  serve: (req: IncomingMessage, res: ServerResponse, render: Render) => void;
}

interface CachedPage {
  headers: [string, number | string | string[]][];
  /** The Content-Security-Policy and the body, cut where the nonce stood. */
  policy: string[];
  body: Buffer[];
  /** The session it was rendered for: its user is named in each request's log line, as a render would. */
  session: RequestSession | undefined;
}

// Written for each response (by Node, by our server) or by this cache itself.
const PER_RESPONSE = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "x-request-id",
  "content-security-policy",
]);
const gzipped = promisify(gzip);

/**
 * The key a request's page is kept under, or null when it is not one to keep:
 * a GET of the home page without a query (`?cursor=` pages are many, and seldom
 * visited again) and without the headers of Next's client router, which asks
 * for the page in another form.
 */
function keyOf(req: IncomingMessage): string | null {
  if (req.method !== "GET" || req.url !== "/") return null;
  if (Object.keys(req.headers).some((name) => name === "rsc" || name.startsWith("next-"))) return null;
  const cookies = new Headers(req.headers.cookie ? { cookie: req.headers.cookie } : {});
  const token = readSessionToken(cookies);
  if (token === null) return "signed out";
  return createHash("sha256")
    .update(`${token}\n${parseRequestCookies(cookies)[CSRF_COOKIE] ?? ""}`)
    .digest("base64url");
}

/** The page `res` sent, as it may be served again, or null. */
function keepable(res: ServerResponse, body: Buffer, session: RequestSession | undefined): CachedPage | null {
  if (res.statusCode !== 200 || res.hasHeader("set-cookie") || res.hasHeader("content-encoding")) return null;
  if (!String(res.getHeader("content-type")).startsWith("text/html")) return null;
  const policy = String(res.getHeader("content-security-policy"));
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  if (!nonce) return null;
  const headers = Object.entries(res.getHeaders()).flatMap(([name, value]) =>
    value === undefined || PER_RESPONSE.has(name) ? [] : [[name, value] as const],
  );
  return { headers: headers as CachedPage["headers"], policy: policy.split(nonce), body: cutAt(body, Buffer.from(nonce)), session };
}

function cutAt(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  return [...parts, body.subarray(from)];
}

const sizeOf = (page: CachedPage) => page.body.reduce((bytes, part) => bytes + part.length, 1024);

async function send(page: CachedPage, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const nonce = newNonce();
  if (page.session) noteRequestSession(page.session);
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader("content-security-policy", page.policy.join(nonce));
  const nonceBytes = Buffer.from(nonce);
  const html = Buffer.concat(page.body.flatMap((part, index) => (index === 0 ? [part] : [nonceBytes, part])));
  // Compressed as Next would have, off the event loop.
  const gzip = new Negotiator(req).encoding(["gzip"]) === "gzip";
  const body = gzip ? await gzipped(html) : html;
  if (gzip) res.setHeader("content-encoding", "gzip");
  res.setHeader("content-length", body.length);
  res.statusCode = 200;
  res.end(body);
}

function createPageCache(db: Db, { ttlMs, maxBytes }: PageCacheOptions): PageCache {
  const pages = new LRUCache<string, CachedPage>({ ttl: ttlMs, maxSize: maxBytes, sizeCalculation: sizeOf });
  // Bumped by every change: a page whose render started before one must not be kept.
  let epoch = 0;
  const clear = () => {
    epoch += 1;
    pages.clear();
  };
  const changes = changesOf(db);
  changes.subscribe(POST_TOPIC, clear);
  // A new session changes no page anyone has been served.
  changes.subscribe(SESSION_TOPIC, (change) => (change as SessionChange).reason !== "signed_in" && clear());
  changes.onMissed(clear);
  return {
    serve: (req, res, render) => {
      const key = keyOf(req);
      if (key === null) return void render(req, res);
      const page = pages.get(key);
      if (page) {
        send(page, req, res).catch((error: unknown) => {
          log().error({ err: error }, "a page from the page cache could not be sent");
          res.destroy();
        });
        return;
      }
      const started = epoch;
      const renderedFor = requestSessionReader();
      // The copy must be plain text to take another nonce: this response goes out uncompressed.
      delete req.headers["accept-encoding"];
      captureBody(res, (body) => {
        const kept = started === epoch ? keepable(res, body, renderedFor()) : null;
        const ttl = Math.min(ttlMs, (kept?.session?.expires ?? Infinity) - Date.now());
        if (kept && ttl > 0) pages.set(key, kept, { ttl });
      });
      void render(req, res);
    },
  };
}

const passThrough: PageCache = { serve: (req, res, render) => void render(req, res) };

export function pageCacheFor(
  db: Db,
  options: PageCacheOptions = { ttlMs: env.PAGE_CACHE_TTL_MS, maxBytes: env.PAGE_CACHE_MAX_BYTES },
): PageCache {
  return options.ttlMs > 0 ? createPageCache(db, options) : passThrough;
}
