import type { RouterOutputs } from "@gatehouse/api";

import type { FeedChange } from "~/trpc/subscription-events";

type Post = RouterOutputs["post"]["list"]["items"][number];

/**
 * What the feed's stream added to the list the server sent: posts shown on top
 * of it (the reader's own, and others' once revealed), others' posts waiting to
 * be revealed, and posts deleted since, which no list may show again (a refetch
 * that started before the delete could bring one back).
 */
export interface LiveFeed {
  shown: Post[];
  waiting: Post[];
  deleted: ReadonlySet<string>;
}

export const emptyLiveFeed: LiveFeed = { shown: [], waiting: [], deleted: new Set() };

export type LiveFeedAction = { type: "change"; change: FeedChange; viewerId: string | null } | { type: "reveal" };

export function liveFeedReducer(state: LiveFeed, action: LiveFeedAction): LiveFeed {
  if (action.type === "reveal") return { ...state, shown: newestFirst([...state.waiting, ...state.shown]), waiting: [] };
  const { change } = action;
  switch (change.type) {
    case "created": {
      const { post } = change;
      if (state.deleted.has(post.id) || [...state.shown, ...state.waiting].some((known) => known.id === post.id)) return state;
      // The reader's own post goes straight in, as their form's refetch would put it.
      if (post.author.id === action.viewerId) return { ...state, shown: newestFirst([post, ...state.shown]) };
      return { ...state, waiting: [post, ...state.waiting] };
    }
    case "deleted": {
      const kept = (post: Post) => post.id !== change.id;
      return { shown: state.shown.filter(kept), waiting: state.waiting.filter(kept), deleted: new Set(state.deleted).add(change.id) };
    }
    case "reset":
      // The feed is read again and is whole: nothing of ours needs to stay on top of it.
      return { ...state, shown: [], waiting: [] };
  }
}

/** The list to render (each post once, deleted ones gone) and the posts still waiting to be revealed. */
export function visibleFeed(state: LiveFeed, listed: Post[]): { posts: Post[]; newPosts: Post[] } {
  const listedIds = new Set(listed.map((post) => post.id));
  // Shown posts arrived after the list was read, so they are newer than all of it.
  const posts = [...state.shown.filter((post) => !listedIds.has(post.id)), ...listed].filter((post) => !state.deleted.has(post.id));
  const ids = new Set(posts.map((post) => post.id));
  return { posts, newPosts: state.waiting.filter((post) => !ids.has(post.id)) };
}

/** The feed's order: newest first, then by id (as the server's keyset). */
function newestFirst(posts: Post[]): Post[] {
  return [...posts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
