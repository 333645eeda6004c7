"use client";

import type { RouterOutputs } from "@gatehouse/api";
import type { Session } from "@gatehouse/auth";
import type { ReactNode } from "react";

import { formatDate } from "~/lib/format-date";
import { useWriteAction } from "~/lib/pending-writes";

import { initialDeletePostState } from "../_actions/form-state";
import { deletePostAction } from "../_actions/post-actions";
import { ActionBoundary } from "./action-boundary";
import { Alert } from "./alert";
import { useRefetchFeedAfter } from "./use-refetch-feed";

type Post = RouterOutputs["post"]["list"]["items"][number];

export type Viewer = Pick<Session["user"], "id" | "role">;

export function PostItem({ post, viewer }: { post: Post; viewer: Viewer | null }) {
  const canDelete = viewer !== null && (post.author.id === viewer.id || viewer.role === "ADMIN");
  if (!canDelete) return <PostView post={post} />;
  return <ActionBoundary>{(failure) => <DeletablePost post={post} failure={failure} />}</ActionBoundary>;
}

/**
 * Delete is a server action form (it works without JavaScript). With
 * JavaScript the post disappears as soon as the form is sent, and comes back
 * with the reason if the server refuses or cannot be reached. The component
 * stays mounted while hidden, so it is here to hear the answer.
 */
function DeletablePost({ post, failure }: { post: Post; failure: string | null }) {
  const [state, formAction, pending] = useWriteAction(deletePostAction, initialDeletePostState);
  useRefetchFeedAfter(state, "deleted");

  // Gone while the server works on it, and after it said yes until the feed refetches.
  if (pending || state.status === "deleted") return null;
  const error = failure ?? state.error;
  return (
    <PostView
      post={post}
      alert={error && <Alert>{error}</Alert>}
      action={
        <form action={formAction} className="ml-auto">
          <input type="hidden" name="id" value={post.id} />
          <button
            type="submit"
            aria-label={`Delete "${post.title}"`}
            className="rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-700"
          >
            Delete
          </button>
        </form>
      }
    />
  );
}

function PostView({ post, action, alert }: { post: Post; action?: ReactNode; alert?: ReactNode }) {
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-4" data-testid="post">
      <article aria-labelledby={`post-${post.id}`}>
        <div className="flex items-start gap-2">
          <h3 id={`post-${post.id}`} className="font-semibold break-words">
            {post.title}
          </h3>
          {action}
        </div>
        <p className="mt-1 break-words whitespace-pre-wrap text-stone-700">{post.content}</p>
        <p className="mt-2 text-xs text-stone-600">
          {post.author.name ?? "Someone"} · <time dateTime={post.createdAt.toISOString()}>{formatDate(post.createdAt)}</time>
        </p>
        {alert && <div className="mt-3">{alert}</div>}
      </article>
    </li>
  );
}
