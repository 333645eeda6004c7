import type { Created } from "./subscriptions-protocol";

export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

/** How long the posts of one phase took to reach every stream, over all (post, stream) deliveries. */
export interface FanOut {
  /** From the create's HTTP response (its acknowledgement) to each receipt; negative when the event beat the response. */
  fromAck: Spread;
  /** From the create's request being sent to each receipt. */
  fromSend: Spread;
  /** The creates' own response time (send → ack): a server that falls behind delays the ack too, and "from ack" hides it. */
  createResponse: Spread;
  posts: number;
  /** Receipts of these posts, and posts × streams: any shortfall is an event that never arrived. */
  delivered: number;
  expected: number;
}

export function fanOut(created: Created[], receipts: Map<string, number[]>, streams: number): FanOut {
  const fromAck: number[] = [];
  const fromSend: number[] = [];
  for (const { postId, sentAt, ackedAt } of created) {
    for (const at of receipts.get(postId) ?? []) {
      fromAck.push(at - ackedAt);
      fromSend.push(at - sentAt);
    }
  }
  const createResponse = spread(created.map(({ sentAt, ackedAt }) => ackedAt - sentAt));
  return {
    fromAck: spread(fromAck),
    fromSend: spread(fromSend),
    createResponse,
    posts: created.length,
    delivered: fromAck.length,
    expected: created.length * streams,
  };
}

/** How many of these posts' deliveries have arrived so far. */
export function deliveredOf(created: Created[], receipts: Map<string, number[]>): number {
  return created.reduce((sum, { postId }) => sum + (receipts.get(postId)?.length ?? 0), 0);
}

function spread(values: number[]): Spread {
  if (values.length === 0) return { p50: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  // Nearest rank: the smallest value at or above that share of the deliveries.
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1]! };
}
