"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";

import { useTRPC } from "~/trpc/react";

import { feedInput, feedPaging } from "./feed-options";
import { PostItem, type Viewer } from "./post-item";

/**
 * The feed from `cursor` on (from the newest post when null). "Load more" is a
 * link to the next page, rendered by the server, so it works without
 * JavaScript; with JavaScript it appends the next page in place instead.
 */
export function PostFeed({ viewer, cursor }: { viewer: Viewer | null; cursor: string | null }) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.post.list.infiniteQueryOptions(feedInput, { ...feedPaging, initialCursor: cursor }),
  );
  const posts = data.pages.flatMap((page) => page.items);
  const nextCursor = data.pages.at(-1)?.nextCursor;

  return (
    <section aria-labelledby="feed-heading" className="space-y-4">
      <h2 id="feed-heading" className="text-xl font-semibold">
        {cursor ? "Older posts" : "Latest posts"}
      </h2>
      {cursor && (
        <Link href="/" className="block text-sm text-blue-700 underline">
          Back to the latest posts
        </Link>
      )}
      {posts.length === 0 ? (
        <p className="text-stone-600">No posts yet.</p>
      ) : (
        <ul className="space-y-3" aria-label="Posts">
          {posts.map((post) => (
            <PostItem key={post.id} post={post} viewer={viewer} />
          ))}
        </ul>
      )}
      {hasNextPage && nextCursor && (
        <a
          href={`/?cursor=${encodeURIComponent(nextCursor)}`}
          onClick={(event) => {
            // A new tab or window (modifier keys, middle button) still follows the link.
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
            event.preventDefault();
            if (!isFetchingNextPage) void fetchNextPage();
          }}
          aria-disabled={isFetchingNextPage}
          className="block w-full rounded-md border border-stone-300 py-2 text-center text-sm font-medium hover:bg-stone-100 aria-disabled:opacity-50"
        >
          {isFetchingNextPage ? "Loading…" : "Load more"}
        </a>
      )}
    </section>
  );
}
