import { NextResponse, type NextRequest } from "next/server";

/**
 * Pages accept POSTs only as server actions (the no-JavaScript forms among
 * them). Next already refuses a server action whose Origin is not this host,
 * but by throwing, as a 500; refuse it here first, as the 403 it is.
 * (If you set `serverActions.allowedOrigins` in next.config, allow them here too.)
 */
export function proxy(request: NextRequest) {
  if (request.method !== "POST") return NextResponse.next();
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (hostOf(request.headers.get("origin") ?? "") !== host) {
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

// Pages only (next-auth and tRPC check their own requests), and only requests
// that carry an Origin header: browsers send it on POSTs, not on page views,
// so plain navigation never runs this.
export const config = {
  matcher: [{ source: "/((?!api/|_next/).*)", has: [{ type: "header", key: "origin" }] }],
};
