import { isDatabaseUnavailable } from "@gatehouse/db";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { createTRPCContext, type CreateTRPCContextOptions } from "./context";
import { logUnexpectedError } from "./log-errors";
import { appRouter } from "./root";

export const TRPC_ENDPOINT = "/api/trpc";

/** Serves the app router for one fetch Request (GET and POST, batching on). */
export function handleTRPCRequest(
  req: Request,
  options: Omit<CreateTRPCContextOptions, "headers" | "resHeaders"> = {},
): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    router: appRouter,
    req,
    createContext: ({ resHeaders }) => createTRPCContext({ ...options, headers: req.headers, resHeaders }),
    onError: logUnexpectedError,
    // The database's absence is a 503, with a hint of when to come back (see trpc.ts).
    responseMeta: ({ errors }) =>
      errors.some((error) => isDatabaseUnavailable(error.cause)) ? { status: 503, headers: new Headers({ "Retry-After": "5" }) } : {},
  });
}
