import type { AppRouter } from "@gatehouse/api";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";

const feedInput = { limit: 10 };

/**
 * The feed's query from `cursor` on (the latest posts when null), shared by
 * the server prefetch and the client hook so that their keys match. Each start
 * has a cache entry of its own: tRPC leaves the start out of the key, so an
 * older page opened by its link would otherwise stand in for the latest posts
 * after a navigation back, until the server's data replaced it.
 */
export function feedQueryOptions(trpc: TRPCOptionsProxy<AppRouter>, cursor: string | null) {
  const options = trpc.post.list.infiniteQueryOptions(feedInput, {
    getNextPageParam: (page) => page.nextCursor,
    initialCursor: cursor,
  });
  if (cursor === null) return options;
  const [path, args] = options.queryKey;
  return { ...options, queryKey: [path, { ...args, from: cursor }] as unknown as typeof options.queryKey };
}
