import { readSessionToken } from "@gatehouse/auth/session-cookie";
import { CSRF_COOKIE, CSRF_COOKIE_OPTIONS, csrfTokenOf, newCsrfCookie } from "@gatehouse/auth/csrf";
import type { NextRequest, NextResponse } from "next/server";

/**
 * For the proxy: makes sure a page with a server-rendered next-auth form can
 * read a valid CSRF cookie, so the form works without JavaScript: the sign-in
 * page, and any page of a signed-in browser (its sign-out form). Anonymous page
 * views get no cookie. A missing or invalid one is replaced on the request (so
 * the page renders the matching token: a server component cannot set cookies
 * itself); the returned function sets it on the response for the browser.
 */
export function ensureCsrfCookie(request: NextRequest): (response: NextResponse) => void {
  const hasForm = request.nextUrl.pathname === "/auth/signin" || readSessionToken(request.headers) !== null;
  if (!hasForm || csrfTokenOf(request.cookies.get(CSRF_COOKIE)?.value)) return () => undefined;
  const { value } = newCsrfCookie();
  request.cookies.set(CSRF_COOKIE, value);
  return (response) => void response.cookies.set(CSRF_COOKIE, value, CSRF_COOKIE_OPTIONS);
}
