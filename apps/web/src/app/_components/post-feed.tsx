"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";

import { useTRPC } from "~/trpc/react";

import { feedInput, feedPaging } from "./feed-options";
import { PostItem, type Viewer } from "./post-item";

export function PostFeed({ viewer }: { viewer: Viewer | null }) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.post.list.infiniteQueryOptions(feedInput, feedPaging),
  );
  const posts = data.pages.flatMap((page) => page.items);

  return (
    <section aria-labelledby="feed-heading" className="space-y-4">
      <h2 id="feed-heading" className="text-xl font-semibold">
        Latest posts
      </h2>
      {posts.length === 0 ? (
        <p className="text-stone-600">No posts yet.</p>
      ) : (
        <ul className="space-y-3" aria-label="Posts">
          {posts.map((post) => (
            <PostItem key={post.id} post={post} viewer={viewer} />
          ))}
        </ul>
      )}
      {hasNextPage && (
        <button
          type="button"
          onClick={() => void fetchNextPage()}
          disabled={isFetchingNextPage}
          className="w-full rounded-md border border-stone-300 py-2 text-sm font-medium hover:bg-stone-100 disabled:opacity-50"
        >
          {isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
