import type { RouterOutputs } from "@gatehouse/api";

// The feed's query, shared by the server prefetch and the client hook so their keys match.
export const feedInput = { limit: 10 };

export const feedPaging = {
  getNextPageParam: (page: RouterOutputs["post"]["list"]) => page.nextCursor,
};
