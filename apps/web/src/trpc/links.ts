import type { AppRouter } from "@gatehouse/api";
import { transformer } from "@gatehouse/api/transformer";
import { httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from "@trpc/client";

const url = "/api/trpc";

/**
 * Queries and mutations are batched into one request; each subscription is a
 * Server-Sent Events stream (an EventSource), which reconnects by itself and
 * sends back the last tracked event id. Over HTTP/1.1 each open stream holds
 * one of the browser's six connections per origin, shared by every tab: a page
 * opens two at most.
 */
export const trpcLinks: TRPCLink<AppRouter>[] = [
  splitLink({
    condition: (op) => op.type === "subscription",
    true: httpSubscriptionLink({ url, transformer }),
    false: httpBatchLink({ url, transformer }),
  }),
];
