import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root";

export { appRouter, createCaller, type AppRouter } from "./root";
export { createInnerTRPCContext, createTRPCContext, type Context, type InnerContextOptions, type SessionSource } from "./context";
export { handleTRPCRequest, TRPC_ENDPOINT } from "./http";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
