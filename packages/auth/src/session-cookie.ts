import { parseCookie } from "cookie";

import { env } from "./env";

// next-auth's database-session cookie, `__Secure-` prefixed when NEXTAUTH_URL is
// https. Only the one next-auth itself reads: a request carrying both names
// must not have its session checked on one token and acted on with the other.
const SESSION_COOKIE = "next-auth.session-token";
const SESSION_COOKIE_NAME = env.NEXTAUTH_URL?.startsWith("https://") ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE;

export function parseRequestCookies(headers: Headers): Record<string, string | undefined> {
  return parseCookie(headers.get("cookie") ?? "");
}

/**
 * The caller's raw session token; their Session row is keyed by its hash
 * (hashSessionToken). Never send it back to a client.
 */
export function readSessionToken(headers: Headers): string | null {
  return parseRequestCookies(headers)[SESSION_COOKIE_NAME] ?? null;
}

/** Whether a Set-Cookie header value sets the session cookie. */
export function setsSessionCookie(setCookie: string): boolean {
  return setCookie.slice(0, setCookie.indexOf("=")).endsWith(SESSION_COOKIE);
}
