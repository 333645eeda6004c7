"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useEffect } from "react";

import { formatDate } from "~/lib/format-date";
import { useWriteAction } from "~/lib/pending-writes";
import { useTRPC } from "~/trpc/react";

import { initialSessionActionState, type SessionActionState } from "../_actions/form-state";
import { revokeOtherSessionsAction, revokeSessionAction } from "../_actions/session-actions";
import { ActionBoundary } from "../_components/action-boundary";
import { Alert } from "../_components/alert";

/**
 * "Sign out this session" and "Sign out all other sessions" are server action
 * forms: without JavaScript the form posts and the server renders the list as
 * it is now; with JavaScript the same actions run in place and the list refetches.
 */
export function SessionList() {
  return <ActionBoundary>{(failure) => <SessionListBody failure={failure} />}</ActionBoundary>;
}

function SessionListBody({ failure }: { failure: string | null }) {
  const trpc = useTRPC();
  const { data: sessions } = useSuspenseQuery(trpc.session.list.queryOptions());
  const [revokeState, revoke, revoking] = useWriteAction(revokeSessionAction, initialSessionActionState);
  const [othersState, revokeOthers, revokingOthers] = useWriteAction(revokeOtherSessionsAction, initialSessionActionState);
  useRefetchSessionsAfter(revokeState);
  useRefetchSessionsAfter(othersState);
  const others = sessions.filter((s) => !s.current).length;
  const error = failure ?? revokeState.error ?? othersState.error;

  return (
    <section aria-labelledby="sessions-heading" className="space-y-4">
      <h2 id="sessions-heading" className="text-xl font-semibold">
        Active sessions
      </h2>
      {error && <Alert>{error}</Alert>}
      <ul className="space-y-3" aria-label="Sessions">
        {sessions.map((session) => (
          <li
            key={session.id}
            data-testid="session"
            className="flex items-center gap-4 rounded-lg border border-stone-200 bg-white p-4 text-sm"
          >
            <div>
              <p className="font-medium">
                {deviceName(session)}
                {session.current && <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900">current</span>}
              </p>
              <p className="text-stone-600">
                {session.current ? "This browser" : "Another browser"}
                {session.ip && ` · from ${session.ip}`} · last active {formatDate(session.lastUsedAt)}
              </p>
              <p className="text-stone-600">
                Signed in {formatDate(session.createdAt)} · expires {formatDate(session.expires)}
              </p>
            </div>
            {!session.current && (
              <form action={revoke} className="ml-auto shrink-0">
                <input type="hidden" name="id" value={session.id} />
                <button
                  type="submit"
                  disabled={revoking}
                  className="rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-100 disabled:opacity-50"
                >
                  Sign out this session
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others > 0 && (
        <form action={revokeOthers}>
          <button
            type="submit"
            disabled={revokingOthers}
            className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-50"
          >
            Sign out all other sessions ({others})
          </button>
        </form>
      )}
    </section>
  );
}

/** "Firefox 128 on Ubuntu", or as much of it as the browser told. */
function deviceName({ browser, os }: { browser: string | null; os: string | null }): string {
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? "Unknown browser";
}

/**
 * The list is the server's: fetch it again after each action that changed it.
 * The session stream asks too (session-events.tsx): without cancelRefetch the
 * triggers of one revoke would restart each other's fetch instead of sharing it.
 */
function useRefetchSessionsAfter(state: SessionActionState): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (state.status === "revoked")
      void queryClient.invalidateQueries({ queryKey: trpc.session.list.queryKey() }, { cancelRefetch: false });
  }, [state, queryClient, trpc]);
}
