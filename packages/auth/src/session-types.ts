import type { Role } from "@gatehouse/db";
import type { DefaultSession } from "next-auth";

// What our session callback (options.ts) adds to next-auth's types.
declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

declare module "next-auth/adapters" {
  interface AdapterUser {
    role: Role;
  }
}
