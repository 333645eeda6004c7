import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Db } from "@gatehouse/db";
import type { Adapter } from "next-auth/adapters";

/**
 * @auth/prisma-adapter types its client parameter as `any` when the client is
 * generated to a custom output, and returns @auth/core's Adapter type. This is
 * the one place that crosses that seam: callers must pass our typed client.
 */
export function createAdapter(db: Db): Adapter {
  return PrismaAdapter(db) as unknown as Adapter;
}
