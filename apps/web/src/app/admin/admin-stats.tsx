"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";

import { useTRPC } from "~/trpc/react";

/** The counts rendered by the server, then kept current by admin.onStats (into the same query, one place for them). */
export function AdminStats() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.admin.stats.queryOptions());
  useSubscription(
    trpc.admin.onStats.subscriptionOptions(undefined, {
      onData: (stats) => queryClient.setQueryData(trpc.admin.stats.queryKey(), stats),
    }),
  );
  const stats = [
    ["Users", data.users],
    ["Posts", data.posts],
    ["Active sessions", data.sessions],
  ] as const;
  return (
    <dl className="grid grid-cols-3 gap-4">
      {stats.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-stone-200 bg-white p-4">
          <dt className="text-sm text-stone-600">{label}</dt>
          <dd className="text-2xl font-semibold" data-testid={`stat-${label}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
