"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import { useTRPC } from "~/trpc/react";

/** Refetches the feed each time a post form action answers with `status`. */
export function useRefetchFeedAfter(state: { status: string }, status: string): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (state.status === status) void queryClient.invalidateQueries({ queryKey: trpc.post.list.pathKey() });
  }, [state, status, queryClient, trpc]);
}
