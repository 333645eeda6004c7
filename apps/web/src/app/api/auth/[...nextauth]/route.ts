import { authOptions, guardAuthRoutes, withDatabaseAvailability } from "@gatehouse/auth";
import NextAuth from "next-auth";

type RouteHandler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// next-auth's REST API: /api/auth/{csrf,providers,session,signin,callback,signout}.
// v4 types NextAuth() as `any`; this is the shape it has in a route handler.
// With the database down, next-auth would answer "signed out" or an error page:
// withDatabaseAvailability makes it the 503 it is. guardAuthRoutes refuses oversized or
// malformed bodies and stops floods of sign-in mails and guesses before next-auth
// writes or sends anything.
const handler = withDatabaseAvailability(guardAuthRoutes(NextAuth(authOptions) as RouteHandler));

export { handler as GET, handler as POST };
