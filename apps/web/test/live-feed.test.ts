import type { PostWithAuthor as Post } from "@gatehouse/db";
import { describe, expect, it } from "vitest";

import { emptyLiveFeed, liveFeedReducer, visibleFeed, type LiveFeed, type LiveFeedAction } from "../src/app/_components/live-feed";

// The feed's bookkeeping on its own (no server, no browser): what the reader sees
// for any order of stream events and list refetches. The e2e journeys cover the wiring.

const READER = "reader";
let clock = Date.parse("2026-01-01T00:00:00Z");
const post = (id: string, authorId = "someone"): Post => ({
  id,
  title: `Post ${id}`,
  content: "…",
  createdAt: new Date((clock += 1_000)),
  author: { id: authorId, name: null, image: null },
});

const created = (p: Post): LiveFeedAction => ({ type: "change", change: { type: "created", post: p }, viewerId: READER });
const deleted = (id: string): LiveFeedAction => ({ type: "change", change: { type: "deleted", id }, viewerId: READER });
const reset: LiveFeedAction = { type: "change", change: { type: "reset" }, viewerId: READER };
const run = (...actions: LiveFeedAction[]): LiveFeed => actions.reduce(liveFeedReducer, emptyLiveFeed);
const ids = (posts: Post[]) => posts.map((p) => p.id);

describe("the live feed", () => {
  // Newest first, as the server lists them.
  const oldest = post("a");
  const listed = [post("b"), oldest];

  it("keeps others' new posts waiting, then shows them on top, newest first, when revealed", () => {
    const [first, second] = [post("c"), post("d")];
    const waiting = run(created(first), created(second));
    expect(ids(visibleFeed(waiting, listed).posts)).toEqual(ids(listed));
    expect(ids(visibleFeed(waiting, listed).newPosts)).toEqual(["d", "c"]);

    const revealed = liveFeedReducer(waiting, { type: "reveal" });
    expect(ids(visibleFeed(revealed, listed).posts)).toEqual(["d", "c", ...ids(listed)]);
    expect(visibleFeed(revealed, listed).newPosts).toEqual([]);
  });

  it("shows the reader's own post at once, and once when the refetched list has it too", () => {
    const own = post("mine", READER);
    const state = run(created(own), created(own));
    expect(ids(visibleFeed(state, listed).posts)).toEqual(["mine", ...ids(listed)]);
    expect(ids(visibleFeed(state, [own, ...listed]).posts)).toEqual(["mine", ...ids(listed)]);
  });

  it("never doubles a post the list already holds", () => {
    const state = run(created(listed[0]!), { type: "reveal" });
    expect(ids(visibleFeed(state, listed).posts)).toEqual(ids(listed));
  });

  it("drops a deleted post from the list, the shown and the waiting ones, and from any later list", () => {
    const [waiting, own] = [post("w"), post("o", READER)];
    const state = run(created(waiting), created(own), deleted(waiting.id), deleted(own.id), deleted(listed[0]!.id));
    expect(ids(visibleFeed(state, listed).posts)).toEqual([listed[1]!.id]);
    expect(visibleFeed(state, listed).newPosts).toEqual([]);
    // A refetch that started before the delete still lists it.
    expect(ids(visibleFeed(state, [own, ...listed]).posts)).toEqual([listed[1]!.id]);
    // Its creation replayed after the delete does not bring it back.
    expect(visibleFeed(liveFeedReducer(state, created(waiting)), listed).newPosts).toEqual([]);
  });

  it("on reset forgets what it added: the feed is read again and is whole", () => {
    const state = run(created(post("x")), created(post("y", READER)), reset);
    expect(visibleFeed(state, listed)).toEqual({ posts: listed, newPosts: [] });
  });
});
