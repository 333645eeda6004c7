import { authOptions } from "@gatehouse/auth";
import NextAuth from "next-auth";

// next-auth's REST API: /api/auth/{csrf,providers,session,signin,callback,signout}.
const handler = NextAuth(authOptions) as (req: Request, ctx: unknown) => Promise<Response>;

export { handler as GET, handler as POST };
