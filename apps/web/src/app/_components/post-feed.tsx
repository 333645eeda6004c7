"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";

import { useTRPC } from "~/trpc/react";

import { feedQueryOptions } from "./feed-options";
import { NewPostsNotice } from "./new-posts-notice";
import { PostItem, type Viewer } from "./post-item";
import { useLiveFeed } from "./use-live-feed";

/**
 * The feed from `cursor` on (from the newest post when null). "Load more" is a
 * link to the next page, rendered by the server, so it works without
 * JavaScript; with JavaScript it appends the next page in place instead, and
 * the latest posts follow the feed's changes as they happen (useLiveFeed).
 */
export function PostFeed({ viewer, cursor }: { viewer: Viewer | null; cursor: string | null }) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(feedQueryOptions(trpc, cursor));
  // Where the first read stands in the feed's events; later refetches move on, the stream already has.
  const [since] = useState(() => data.pages[0]?.eventId ?? null);
  const { posts, newPosts, reveal } = useLiveFeed(
    data.pages.flatMap((page) => page.items),
    { since, enabled: cursor === null, viewerId: viewer?.id ?? null },
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const nextCursor = data.pages.at(-1)?.nextCursor;

  return (
    <section aria-labelledby="feed-heading" className="space-y-4">
      <h2 id="feed-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
        {cursor ? "Older posts" : "Latest posts"}
      </h2>
      {cursor && (
        <Link href="/" className="block text-sm text-blue-700 underline">
          Back to the latest posts
        </Link>
      )}
      <NewPostsNotice
        count={newPosts.length}
        onReveal={() => {
          reveal();
          // The button goes away: the reader carries on from the top of the list, where the posts now are.
          heading.current?.focus();
        }}
      />
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
