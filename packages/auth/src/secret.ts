import { env } from "./env";

// Outside production NEXTAUTH_SECRET may be unset. next-auth would then derive a
// secret from its options, which nothing else can reproduce; the CSRF cookie the
// proxy issues for server-rendered forms must be signed with the very secret
// next-auth checks it with. So both use this one. (Production requires the variable.)
const DEVELOPMENT_SECRET = "gatehouse-development-only-secret-never-used-in-production";

export const authSecret = env.NEXTAUTH_SECRET ?? DEVELOPMENT_SECRET;
