"use client";

import { useActionState, useEffect } from "react";
import { useFormStatus } from "react-dom";

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
  useCountedWhile(result[2]);
  return result;
}

/**
 * For a form whose action is a bare server action (no useActionState, as on
 * the server-rendered admin page): placed inside it, counts its submission.
 */
export function PendingWrite(): null {
  useCountedWhile(useFormStatus().pending);
  return null;
}

function useCountedWhile(isPending: boolean): void {
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
}

/** Resolves once no action is in flight (at once if none is). */
export function writesSettled(): Promise<void> {
  return pending === 0 ? Promise.resolve() : new Promise((resolve) => settled.push(resolve));
}
