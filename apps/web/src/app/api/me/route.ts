import { getAuth, getUser, withDatabaseAvailability } from "@gatehouse/auth";

// A plain REST endpoint for clients that do not speak tRPC, protected the way
// next-auth's and Clerk's docs show. POST works too: the session comes from
// getServerSession on the request's cookie, never from getSession().
const handler = withDatabaseAvailability(async (request: Request) => {
  const resHeaders = new Headers();
  const { userId, session } = await getAuth(request, { resHeaders });
  if (!userId || !session) {
    return Response.json({ error: "You must be signed in to view the protected content." }, { status: 401 });
  }
  // The backend lookup by id (Clerk's users.getUser): the profile as stored now.
  const user = await getUser(userId);
  return Response.json({ userId, role: session.user.role, user }, { headers: resHeaders });
});

export { handler as GET, handler as POST };
