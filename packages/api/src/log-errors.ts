import { currentRequestId, log } from "@gatehouse/auth";
import { databaseErrorReason, isDatabaseUnavailable } from "@gatehouse/db";
import type { TRPCError } from "@trpc/server";

/** Unexpected failures go to the server log, with their stack and request id; the client gets the formatter's shape only. */
export function logUnexpectedError({ error, path }: { error: TRPCError; path?: string }): void {
  const fields = { reqId: currentRequestId(), procedure: path || "<action>" };
  // An outage is not a bug: one line, no stack.
  if (isDatabaseUnavailable(error.cause)) log().warn({ ...fields, reason: databaseErrorReason(error.cause) }, "database unavailable");
  else if (error.code === "INTERNAL_SERVER_ERROR") log().error({ ...fields, err: error.cause ?? error }, "unexpected error");
}
