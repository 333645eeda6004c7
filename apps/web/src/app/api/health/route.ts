// Liveness for load balancers: the process is up and serving. It touches neither
// the database nor the session, so it is also the benchmark's plain baseline.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
