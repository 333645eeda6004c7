import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { createTRPCContext, type CreateTRPCContextOptions } from "./context";
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
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "<no path>"} failed:`, error);
    },
  });
}
