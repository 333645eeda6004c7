import { parseCookie } from "cookie";

// next-auth's database-session cookie: `__Secure-` prefixed when NEXTAUTH_URL is https.
const SESSION_COOKIE = "next-auth.session-token";
const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

export function parseRequestCookies(headers: Headers): Record<string, string | undefined> {
  return parseCookie(headers.get("cookie") ?? "");
}

/**
 * The caller's raw session token; their Session row is keyed by its hash
 * (hashSessionToken). Never send it back to a client.
 */
export function readSessionToken(headers: Headers): string | null {
  const cookies = parseRequestCookies(headers);
  return cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE] ?? null;
}

/** Whether a Set-Cookie header value sets the session cookie. */
export function setsSessionCookie(setCookie: string): boolean {
  return setCookie.slice(0, setCookie.indexOf("=")).endsWith(SESSION_COOKIE);
}
