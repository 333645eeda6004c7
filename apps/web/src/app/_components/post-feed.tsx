"use client";

import type { RouterOutputs } from "@gatehouse/api";
import { useMutation, useQueryClient, useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";

import { formatDate } from "~/lib/format-date";
import { useTRPC } from "~/trpc/react";

import { feedInput, feedPaging } from "./feed-options";
import { Alert } from "./alert";

type Post = RouterOutputs["post"]["list"]["items"][number];

export interface Viewer {
  id: string;
  role: "USER" | "ADMIN";
}

export function PostFeed({ viewer }: { viewer: Viewer | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const feed = trpc.post.list.infiniteQueryOptions(feedInput, feedPaging);
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(feed);

  const deletePost = useMutation(
    trpc.post.delete.mutationOptions({
      // Optimistic: the post disappears at once and comes back if the server refuses.
      onMutate: async ({ id }) => {
        setError(null);
        await queryClient.cancelQueries({ queryKey: feed.queryKey });
        const previous = queryClient.getQueryData(feed.queryKey);
        queryClient.setQueryData(feed.queryKey, (old) =>
          old && { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.filter((post) => post.id !== id) })) },
        );
        return { previous };
      },
      onError: (err, _input, context) => {
        if (context?.previous) queryClient.setQueryData(feed.queryKey, context.previous);
        // No error data: the request never got an answer from the server.
        setError(`Could not delete the post: ${err.data ? err.message : "the server could not be reached."}`);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.post.list.pathKey() }),
    }),
  );

  const posts = data.pages.flatMap((page) => page.items);
  const canDelete = (post: Post) => viewer !== null && (post.author.id === viewer.id || viewer.role === "ADMIN");

  return (
    <section aria-labelledby="feed-heading" className="space-y-4">
      <h2 id="feed-heading" className="text-xl font-semibold">
        Latest posts
      </h2>
      {error && <Alert>{error}</Alert>}
      {posts.length === 0 ? (
        <p className="text-stone-600">No posts yet.</p>
      ) : (
        <ul className="space-y-3" aria-label="Posts">
          {posts.map((post) => (
            <li key={post.id} className="rounded-lg border border-stone-200 bg-white p-4" data-testid="post">
              <article aria-labelledby={`post-${post.id}`}>
                <div className="flex items-start gap-2">
                  <h3 id={`post-${post.id}`} className="font-semibold break-words">
                    {post.title}
                  </h3>
                  {canDelete(post) && (
                    <button
                      type="button"
                      onClick={() => deletePost.mutate({ id: post.id })}
                      aria-label={`Delete "${post.title}"`}
                      className="ml-auto rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-700"
                    >
                      Delete
                    </button>
                  )}
                </div>
                <p className="mt-1 whitespace-pre-wrap break-words text-stone-700">{post.content}</p>
                <p className="mt-2 text-xs text-stone-600">
                  {post.author.name ?? "Someone"} ·{" "}
                  <time dateTime={post.createdAt.toISOString()}>{formatDate(post.createdAt)}</time>
                </p>
              </article>
            </li>
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
