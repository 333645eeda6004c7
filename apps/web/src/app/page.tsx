import { listPostsInput } from "@gatehouse/api/schemas/post";
import { notFound } from "next/navigation";

import { firstParam } from "./auth/messages";
import { CreatePostForm } from "./_components/create-post-form";
import { feedQueryOptions } from "./_components/feed-options";
import { PostFeed } from "./_components/post-feed";
import { getCaller, getQueryClient, HydrateClient, trpc } from "~/trpc/server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  // `?cursor=…`: the page after that post, which "Load more" links to without JavaScript.
  const cursor = firstParam((await searchParams).cursor) ?? null;
  if (cursor !== null && !listPostsInput.safeParse({ cursor }).success) notFound();
  const session = await (await getCaller()).auth.getSession();
  const queryClient = getQueryClient();
  // Awaited, so the first posts are in the HTML before any JavaScript runs.
  await Promise.all([
    queryClient.prefetchInfiniteQuery(feedQueryOptions(trpc, cursor)),
    // Protected data only for signed-in users: no UNAUTHORIZED during server rendering.
    session && queryClient.prefetchQuery(trpc.auth.me.queryOptions()),
  ]);
  return (
    <HydrateClient>
      {session ? <CreatePostForm /> : <p className="mb-8 rounded-lg bg-amber-50 p-4 text-sm">Sign in to write posts.</p>}
      {/* One feed per start: its state (where the live updates start from) is not carried from one to the other. */}
      <PostFeed key={cursor ?? "latest"} viewer={session ? { id: session.user.id, role: session.user.role } : null} cursor={cursor} />
    </HydrateClient>
  );
}
