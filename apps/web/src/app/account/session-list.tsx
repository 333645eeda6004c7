"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";

import { formatDate } from "~/lib/format-date";
import { useTRPC } from "~/trpc/react";
import { Alert } from "../_components/alert";

export function SessionList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const { data: sessions } = useSuspenseQuery(trpc.session.list.queryOptions());
  const settle = {
    onMutate: () => setError(null),
    onError: (err: { message: string }) => setError(err.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.session.list.queryKey() }),
  };
  const revoke = useMutation(trpc.session.revoke.mutationOptions(settle));
  const revokeOthers = useMutation(trpc.session.revokeOthers.mutationOptions(settle));
  const others = sessions.filter((s) => !s.current).length;

  return (
    <section aria-labelledby="sessions-heading" className="space-y-4">
      <h2 id="sessions-heading" className="text-xl font-semibold">
        Active sessions
      </h2>
      {error && <Alert>{error}</Alert>}
      <ul className="space-y-3" aria-label="Sessions">
        {sessions.map((session) => (
          <li key={session.id} data-testid="session" className="flex items-center gap-4 rounded-lg border border-stone-200 bg-white p-4 text-sm">
            <div>
              <p className="font-medium">
                {session.current ? "This browser" : "Another browser"}
                {session.current && (
                  <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900">current</span>
                )}
              </p>
              <p className="text-stone-600">
                Signed in {formatDate(session.createdAt)} · expires {formatDate(session.expires)}
              </p>
            </div>
            {!session.current && (
              <button
                type="button"
                onClick={() => revoke.mutate({ id: session.id })}
                disabled={revoke.isPending}
                className="ml-auto shrink-0 rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-100 disabled:opacity-50"
              >
                Sign out this session
              </button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 && (
        <button
          type="button"
          onClick={() => revokeOthers.mutate()}
          disabled={revokeOthers.isPending}
          className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-50"
        >
          Sign out all other sessions ({others})
        </button>
      )}
    </section>
  );
}
