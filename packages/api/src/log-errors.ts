import type { TRPCError } from "@trpc/server";

/** Unexpected failures go to the server log; the client gets the formatter's shape only. */
export function logUnexpectedError({ error, path }: { error: TRPCError; path?: string }): void {
  if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path || "<action>"} failed:`, error);
}
