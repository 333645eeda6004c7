import { NextResponse, type NextRequest } from "next/server";

/**
 * Pages accept POSTs only as server actions (the no-JavaScript forms among
 * them). Next already refuses a server action whose Origin is not this host,
 * but by throwing, as a 500; refuse it here first, as the 403 it is.
 * (If you set `serverActions.allowedOrigins` in next.config, allow them here too.)
 */
export function proxy(request: NextRequest) {
  if (request.method !== "POST") return NextResponse.next();
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin !== null && hostOf(origin) !== host) {
    return NextResponse.json({ error: "Cross-origin form submissions are not accepted." }, { status: 403 });
  }
  return NextResponse.next();
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed frames, some redirects) matches no host
  }
}

// Everything but next-auth and tRPC (which check their own requests) and static assets.
export const config = { matcher: ["/((?!api/|_next/).*)"] };
