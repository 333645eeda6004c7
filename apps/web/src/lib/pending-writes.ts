"use client";

import { useEffect } from "react";

// The server actions in flight on this page, as the forms that send them report
// them (usePendingWrite). Sign-out waits for them: the navigation it ends with
// would cut them off, and a post deleted just before signing out would stay.
let pending = 0;
let settled: Array<() => void> = [];

/** Counts this form's action while `isPending`. */
export function usePendingWrite(isPending: boolean): void {
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

/** Resolves once no reported action is in flight (at once if none is). */
export function writesSettled(): Promise<void> {
  return pending === 0 ? Promise.resolve() : new Promise((resolve) => settled.push(resolve));
}

export const writesPending = (): boolean => pending > 0;
