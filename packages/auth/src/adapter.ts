import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Db } from "@gatehouse/db";
import type { Adapter } from "next-auth/adapters";

import { recordDatabaseFailure } from "./database-failures";

/**
 * @auth/prisma-adapter types its client parameter as `any` when the client is
 * generated to a custom output, and returns @auth/core's Adapter type. This is
 * the one place that crosses that seam: callers must pass our typed client.
 * Every method reports a database outage before next-auth swallows it.
 */
export function createAdapter(db: Db): Adapter {
  const adapter = PrismaAdapter(db) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const reporting = Object.fromEntries(
    Object.entries(adapter).map(([name, method]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await method(...args);
        } catch (error) {
          recordDatabaseFailure(error);
          throw error;
        }
      },
    ]),
  );
  return reporting;
}
