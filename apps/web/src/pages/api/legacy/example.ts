import { getAuth, getUser, withPagesDatabaseAvailability } from "@gatehouse/auth";
import type { NextApiRequest, NextApiResponse } from "next";

// Seed 002's shape (Clerk's getAuth page): read { userId } from the request,
// 401 when it is missing, then look the user up on the backend by id.
async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== "GET" && req.method !== "POST") {
    return res.setHeader("Allow", "GET, POST").status(405).json({ error: "Use GET or POST." });
  }
  const { userId } = await getAuth(req);
  if (!userId) {
    return res.status(401).json({ error: "Not authenticated" });
  }
  const user = await getUser(userId);
  return res.status(200).json({ userId, user });
}

export default withPagesDatabaseAvailability(handler);
