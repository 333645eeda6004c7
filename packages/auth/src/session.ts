import "./session-types";

import type { IncomingMessage } from "node:http";

import type { GetServerSidePropsContext, NextApiRequest, NextApiResponse } from "next";
import { getServerSession, type NextAuthOptions, type Session } from "next-auth";

import { throwingDatabaseFailures } from "./database-failures";
import { issueServiceToken } from "./service-tokens/issue";
import { authOptions as defaultAuthOptions } from "./options";
import { noteRequestSession } from "./request-context";
import { parseRequestCookies, readSessionToken, setsSessionCookie } from "./session-cookie";

type PagesRequest = GetServerSidePropsContext["req"] | NextApiRequest;
type PagesResponse = GetServerSidePropsContext["res"] | NextApiResponse;

/**
 * The caller's session, on the server. Never use next-auth's getSession() on
 * the server: it fetches /api/auth/session over HTTP and fails for POSTs.
 * A database outage is thrown, not taken for "anonymous".
 *
 * - App Router (server components, route handlers, server actions): no arguments.
 * - Pages Router API routes and getServerSideProps: pass req and res.
 */
export function getServerAuthSession(): Promise<Session | null>;
export function getServerAuthSession(req: PagesRequest, res: PagesResponse): Promise<Session | null>;
export function getServerAuthSession(req?: PagesRequest, res?: PagesResponse): Promise<Session | null> {
  return throwingDatabaseFailures(() =>
    req && res ? getServerSession(req, res, defaultAuthOptions) : getServerSession(defaultAuthOptions),
  ).then(namedInLog);
}

export interface SessionFromHeadersOptions {
  /** Where next-auth's Set-Cookie (a refreshed session expiry) goes, if anywhere. */
  resHeaders?: Headers;
  authOptions?: NextAuthOptions;
}

/**
 * The session for a fetch-style request, through getServerSession. Works in
 * route handlers, the tRPC fetch adapter and tests alike, since it needs only
 * the request's headers. A database outage is thrown, not taken for "anonymous".
 * Without a session cookie there is no session to find: getServerSession would
 * answer null after building its whole request, so that is answered at once.
 */
export function getSessionFromHeaders(
  headers: Headers,
  { resHeaders, authOptions = defaultAuthOptions }: SessionFromHeadersOptions = {},
): Promise<Session | null> {
  if (!readSessionToken(headers)) return Promise.resolve(null);
  const req = {
    headers: Object.fromEntries(headers),
    cookies: parseRequestCookies(headers),
  };
  // next-auth also sets its csrf and callback-url cookies on every call; only
  // the session cookie (re-sent with the session's current expiry) matters here.
  const res = {
    getHeader: () => undefined,
    setHeader: (name: string, value: string | string[]) => {
      for (const cookie of [value].flat()) {
        if (setsSessionCookie(cookie)) resHeaders?.append(name, cookie);
      }
    },
  };
  return throwingDatabaseFailures(() =>
    getServerSession(req as unknown as NextApiRequest, res as unknown as NextApiResponse, authOptions),
  ).then(namedInLog);
}

/** The request's log line names its user (and the page cache keeps a page no longer than the session). */
function namedInLog(session: Session | null): Session | null {
  if (session) noteRequestSession({ userId: session.user.id, expires: Date.parse(session.expires) });
  return session;
}

export interface Auth {
  userId: string | null;
  session: Session | null;
  /**
   * A short-lived JWT for another service (`aud` = audience), or null when
   * signed out. Throws UnknownAudienceError for an audience that
   * SERVICE_TOKEN_AUDIENCES does not list.
   */
  getToken: (options: { audience: string }) => Promise<string | null>;
}

/**
 * What getAuth accepts: anything that carries the request's headers. Node's
 * IncomingMessage covers the Pages Router's NextApiRequest and getServerSideProps' req.
 */
export type AuthRequest = IncomingMessage | Request | Headers;

const isHeaders = (value: unknown): value is Headers => typeof (value as Headers).get === "function";

/** The request's headers as a fetch Headers, whatever its shape (a Node request's from `req.headers`). */
export function headersOf(request: AuthRequest): Headers {
  if (isHeaders(request)) return request;
  if (isHeaders(request.headers)) return request.headers;
  // Node's IncomingMessage (Pages Router): a plain object, repeated headers as arrays.
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const item of [value ?? []].flat()) headers.append(name, item);
  }
  return headers;
}

/**
 * Clerk-style: `const { userId } = await getAuth(req); if (!userId) return 401`.
 * One name for every shape of request, all through getSessionFromHeaders (that
 * is, getServerSession on the request's cookie; never getSession()).
 * `options.resHeaders` receives a refreshed session cookie, if any; a Pages
 * Router route that wants it uses getServerAuthSession(req, res) instead.
 */
export function getAuth(req: NextApiRequest | IncomingMessage, options?: SessionFromHeadersOptions): Promise<Auth>;
export function getAuth(request: Request, options?: SessionFromHeadersOptions): Promise<Auth>;
export function getAuth(headers: Headers, options?: SessionFromHeadersOptions): Promise<Auth>;
export async function getAuth(request: AuthRequest, options?: SessionFromHeadersOptions): Promise<Auth> {
  const session = await getSessionFromHeaders(headersOf(request), options);
  return {
    userId: session?.user.id ?? null,
    session,
    getToken: async ({ audience }) => (session ? (await issueServiceToken(session.user, audience)).token : null),
  };
}
