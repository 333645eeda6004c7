import { signInPath } from "@gatehouse/auth";
import { notFound, redirect } from "next/navigation";

import { getCaller, getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { AdminStats } from "./admin-stats";

export default async function AdminPage() {
  const session = await (await getCaller()).auth.getSession();
  if (!session) redirect(signInPath("/admin"));
  // To a non-admin the page does not exist (404), as GitHub does for private repositories.
  if (session.user.role !== "ADMIN") notFound();
  await getQueryClient().prefetchQuery(trpc.admin.stats.queryOptions());
  return (
    <HydrateClient>
      <h1 className="mb-6 text-2xl font-bold">Admin</h1>
      <AdminStats />
    </HydrateClient>
  );
}
