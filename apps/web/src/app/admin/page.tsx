import { adminPageInput, adminRefusals } from "@gatehouse/api/schemas/admin";
import { signInPath } from "@gatehouse/auth";
import { notFound, redirect } from "next/navigation";

import { getCaller, getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { Alert } from "../_components/alert";
import { firstParam } from "../auth/messages";
import { AdminStats } from "./admin-stats";
import { AuditLog } from "./audit-log";
import { UsersTable } from "./users-table";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const caller = await getCaller();
  const session = await caller.auth.getSession();
  if (!session) redirect(signInPath("/admin"));
  // To a non-admin the page does not exist (404), as GitHub does for private repositories.
  if (session.user.role !== "ADMIN") notFound();
  const params = await searchParams;
  const [usersCursor, auditCursor, error] = [firstParam(params.users), firstParam(params.audit), firstParam(params.error)];
  // A cursor no list handed out (edited, truncated): no such page, rather than the procedure's 400 as a 500.
  if (![usersCursor, auditCursor].every((cursor) => adminPageInput.safeParse({ cursor }).success)) notFound();
  const [users, audit] = await Promise.all([
    caller.admin.users({ cursor: usersCursor ?? null }),
    caller.admin.auditLog({ cursor: auditCursor ?? null }),
    getQueryClient().prefetchQuery(trpc.admin.stats.queryOptions()),
  ]);
  // Each list pages on its own; the other keeps its place.
  const href = (next: Record<string, string | undefined>) =>
    `/admin?${new URLSearchParams(Object.entries({ users: usersCursor, audit: auditCursor, ...next }).filter((e): e is [string, string] => !!e[1])).toString()}`;
  return (
    <HydrateClient>
      <h1 className="mb-6 text-2xl font-bold">Admin</h1>
      {error && <Alert>{refusalText(error)}</Alert>}
      <div className="space-y-10">
        <AdminStats />
        <UsersTable page={users} viewerId={session.user.id} nextHref={users.nextCursor ? href({ users: users.nextCursor }) : null} />
        <AuditLog page={audit} nextHref={audit.nextCursor ? href({ audit: audit.nextCursor }) : null} />
      </div>
    </HydrateClient>
  );
}

/** The text of a refusal the admin forms reported; any other key (a link's own words among them) gets a fixed one. */
function refusalText(key: string): string {
  return Object.hasOwn(adminRefusals, key) ? adminRefusals[key as keyof typeof adminRefusals] : "That change could not be made.";
}
