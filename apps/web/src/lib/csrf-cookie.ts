import { CSRF_COOKIE, CSRF_COOKIE_OPTIONS, csrfTokenOf, newCsrfCookie } from "@gatehouse/auth/csrf";
import { NextResponse, type NextRequest } from "next/server";

/**
 * For the proxy: makes sure the page about to render can read a valid
 * next-auth CSRF cookie, so its sign-in and sign-out forms work without
 * JavaScript. A missing or invalid one is replaced: set on the response for the
 * browser, and on the request so the page renders the matching token (a server
 * component cannot set cookies itself).
 */
export function withCsrfCookie(request: NextRequest): NextResponse {
  if (csrfTokenOf(request.cookies.get(CSRF_COOKIE)?.value)) return NextResponse.next();
  const { value } = newCsrfCookie();
  request.cookies.set(CSRF_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(CSRF_COOKIE, value, CSRF_COOKIE_OPTIONS);
  return response;
}
