import { databaseErrorReason, isDatabaseUnavailable } from "@gatehouse/db";
import type { TRPCError } from "@trpc/server";

/** Unexpected failures go to the server log; the client gets the formatter's shape only. */
export function logUnexpectedError({ error, path }: { error: TRPCError; path?: string }): void {
  // An outage is not a bug: one line, no stack.
  if (isDatabaseUnavailable(error.cause)) console.warn(`tRPC ${path || "<action>"}: ${databaseErrorReason(error.cause)}`);
  else if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path || "<action>"} failed:`, error);
}
