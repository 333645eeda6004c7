"use client";

import { useActionState, useEffect } from "react";

// The server actions in flight on this page. Sign-out waits for them: the
// navigation it ends with would cut them off, and a post deleted just before
// signing out would stay.
let pending = 0;
let settled: Array<() => void> = [];

/** React's useActionState, with the action counted while it is in flight (sign-out waits for it). */
export function useWriteAction<State, Payload>(
  action: (state: Awaited<State>, payload: Payload) => State | Promise<State>,
  initialState: Awaited<State>,
): [state: Awaited<State>, dispatch: (payload: Payload) => void, isPending: boolean] {
  const result = useActionState(action, initialState);
  const isPending = result[2];
  useEffect(() => {
    if (!isPending) return;
    pending += 1;
    return () => {
      pending -= 1;
      if (pending > 0) return;
      for (const resolve of settled) resolve();
      settled = [];
    };
  }, [isPending]);
  return result;
}

/** Resolves once no action is in flight (at once if none is). */
export function writesSettled(): Promise<void> {
  return pending === 0 ? Promise.resolve() : new Promise((resolve) => settled.push(resolve));
}
