import { getServerAuthSession, withPagesDatabaseAvailability } from "@gatehouse/auth";
import type { NextApiRequest, NextApiResponse } from "next";

// Seed 000's shape: a Pages Router API route protected with
// getServerSession(req, res, authOptions), which getServerAuthSession(req, res)
// calls with the app's options. It reads the session from the request's cookie
// on the server, so a POST works exactly like a GET (getSession() would fetch
// /api/auth/session over HTTP and fail on POST with CLIENT_FETCH_ERROR).
async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET" && req.method !== "POST") {
    return res.setHeader("Allow", "GET, POST").status(405).json({ error: "Use GET or POST." });
  }
  const session = await getServerAuthSession(req, res);
  if (!session) {
    return res.status(401).json({ error: "You must be sign in to view the protected content." });
  }
  return res.status(200).json({ userId: session.user.id, role: session.user.role });
}

export default withPagesDatabaseAvailability(handler);
