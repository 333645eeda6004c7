/**
 * The one clock of a subscriptions run, in ms: the same in every worker thread
 * (they share the process's time origin), so a send timed in one thread and a
 * receipt timed in another can be subtracted.
 */
export const now = (): number => performance.timeOrigin + performance.now();
