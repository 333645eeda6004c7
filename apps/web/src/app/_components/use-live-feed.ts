"use client";

import type { RouterOutputs } from "@gatehouse/api";
import { skipToken, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useReducer } from "react";

import { useTRPC } from "~/trpc/react";

import { emptyLiveFeed, liveFeedReducer, visibleFeed } from "./live-feed";

type Post = RouterOutputs["post"]["list"]["items"][number];

export interface LiveFeedOptions {
  /** The feed's `eventId` when `listed` was first read; the stream replays what came after it. Null: from now on. */
  since: number | null;
  /** Off for a page of older posts: new ones would not belong on it. */
  enabled: boolean;
  viewerId: string | null;
}

/**
 * The feed as it changes, through post.onChange: `posts` is `listed` with the
 * reader's own new posts on top and deleted ones gone; others' new posts wait
 * in `newPosts` until `reveal()`. tRPC's client resends the last event id when
 * it reconnects; on `reset` (a gap the server cannot replay) the feed is read again.
 */
export function useLiveFeed(listed: Post[], { since, enabled, viewerId }: LiveFeedOptions) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(liveFeedReducer, emptyLiveFeed);
  useSubscription(
    trpc.post.onChange.subscriptionOptions(enabled ? { lastEventId: since === null ? null : String(since) } : skipToken, {
      onData: ({ data: change }) => {
        if (change.type === "reset") void queryClient.invalidateQueries({ queryKey: trpc.post.list.pathKey() });
        dispatch({ type: "change", change, viewerId });
      },
    }),
  );
  return { ...visibleFeed(state, listed), reveal: () => dispatch({ type: "reveal" }) };
}
