import "server-only";

import { appRouter, createCaller, createTRPCContext } from "@gatehouse/api";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";

import { makeQueryClient } from "./query-client";

// One context per server render: the layout and the page share its lazy,
// at-most-once session lookup.
const createContext = cache(async () => createTRPCContext({ headers: await headers() }));

export const getQueryClient = cache(makeQueryClient);

/** Query options for server components, as useTRPC() gives them to client components. */
export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

/** Direct procedure calls from server components. */
export const getCaller = cache(async () => createCaller(await createContext()));

/** Sends what this render prefetched to the client components below. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
