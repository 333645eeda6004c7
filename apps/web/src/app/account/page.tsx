import { signInPath } from "@gatehouse/auth";
import { redirect } from "next/navigation";

import { getCaller, getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { SessionList } from "./session-list";

export default async function AccountPage() {
  const session = await (await getCaller()).auth.getSession();
  if (!session) redirect(signInPath("/account"));
  await getQueryClient().prefetchQuery(trpc.session.list.queryOptions());
  return (
    <HydrateClient>
      <h1 className="mb-1 text-2xl font-bold">Your account</h1>
      <p className="mb-6 text-sm text-stone-600">Signed in as {session.user.email ?? session.user.name}</p>
      <SessionList />
    </HydrateClient>
  );
}
