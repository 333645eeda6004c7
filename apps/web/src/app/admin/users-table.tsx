import type { RouterOutputs } from "@gatehouse/api";
import Link from "next/link";

import { formatDate } from "~/lib/format-date";
import { PendingWrite } from "~/lib/pending-writes";

import { disableUserAction, enableUserAction, makeAdminAction, makeUserAction } from "../_actions/admin-actions";

type UsersPage = RouterOutputs["admin"]["users"];

const button = "rounded-md border border-stone-300 px-2 py-1 text-xs hover:bg-stone-100";

/** Users, newest first: role and status, and the forms that change them (server actions, JavaScript or not). */
export function UsersTable({ page, viewerId, nextHref }: { page: UsersPage; viewerId: string; nextHref: string | null }) {
  return (
    <section aria-labelledby="users-heading" className="space-y-3">
      <h2 id="users-heading" className="text-xl font-semibold">
        Users
      </h2>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Users">
        {page.items.map((user) => (
          <li key={user.id} data-testid="user" className="flex flex-wrap items-center gap-3 p-3 text-sm">
            <div className="min-w-0 flex-1">
              <p className="font-medium">{user.name ?? user.email ?? user.id}</p>
              <p className="text-stone-600">
                {user.email} · {user.role} · {user.disabledAt ? `disabled ${formatDate(user.disabledAt)}` : "active"} · joined{" "}
                {formatDate(user.createdAt)}
              </p>
            </div>
            {user.id !== viewerId && (
              <div className="flex gap-2">
                <form action={user.role === "ADMIN" ? makeUserAction : makeAdminAction}>
                  <input type="hidden" name="userId" value={user.id} />
                  <PendingWrite />
                  <button type="submit" className={button}>
                    {user.role === "ADMIN" ? "Make user" : "Make admin"}
                  </button>
                </form>
                <form action={user.disabledAt ? enableUserAction : disableUserAction}>
                  <input type="hidden" name="userId" value={user.id} />
                  <PendingWrite />
                  <button type="submit" className={button}>
                    {user.disabledAt ? "Enable" : "Disable"}
                  </button>
                </form>
              </div>
            )}
          </li>
        ))}
      </ul>
      {nextHref && (
        <Link href={nextHref} className="text-sm underline">
          More users
        </Link>
      )}
    </section>
  );
}
