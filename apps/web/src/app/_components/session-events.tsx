"use client";

import { skipToken, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { useTRPC } from "~/trpc/react";
import type { SessionEndReason } from "~/trpc/subscription-events";

import { sessionEndedMessage } from "./session-ended-message";

/**
 * Follows this browser's session while the page is open (account.onSessionEvent),
 * so that a change made elsewhere shows here without a reload: when the session
 * ends, a notice says why and the server components render again as signed out;
 * a new role renders them again too; another session revoked refreshes the
 * sessions list. Mounted by the header on every page, so that the notice
 * outlives the signed-in header it replaces.
 */
export function SessionEvents({ signedIn }: { signedIn: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [ended, setEnded] = useState<{ reason: SessionEndReason | null } | null>(null);
  // Signed in again (this component outlives sign-in, in the layout): the old notice no longer applies.
  const [wasSignedIn, setWasSignedIn] = useState(signedIn);
  if (signedIn !== wasSignedIn) {
    setWasSignedIn(signedIn);
    if (signedIn) setEnded(null);
  }
  const end = (reason: SessionEndReason | null) => {
    setEnded({ reason });
    router.refresh();
  };
  useSubscription(
    trpc.account.onSessionEvent.subscriptionOptions(signedIn ? undefined : skipToken, {
      onData: (event) => {
        if (event.type === "signed_out") end(event.reason);
        else if (event.type === "role_changed") router.refresh();
        else void queryClient.invalidateQueries({ queryKey: trpc.session.list.queryKey() }, { cancelRefetch: false });
      },
      onError: (error) => {
        // The session ended between this page's render and the stream's start.
        if (error.data?.code === "UNAUTHORIZED") end(null);
      },
    }),
  );
  return (
    <div role="status" className="mx-auto max-w-2xl px-4">
      {ended && <p className="my-3 rounded-md bg-amber-100 p-3 text-sm text-amber-950">{sessionEndedMessage(ended.reason)}</p>}
    </div>
  );
}
