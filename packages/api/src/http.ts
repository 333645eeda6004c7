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
  });
}
