// What the subscriptions benchmark's worker threads are told and answer.

/** sse-subscribers.ts: holds its share of the SSE streams on post.onChange (`url`). */
export interface SubscribersData {
  url: string;
}

export interface Receipts {
  /** When each created post's event reached each stream (the bench's clock): post id → receipt times. */
  byPost: Map<string, number[]>;
  /** `reset` events (a stream fell too far behind) and streams that ended on their own: both should be 0. */
  resets: number;
  ended: number;
  /** How late this worker's own callbacks ran, p99 ms: the client's share of a receipt's lateness. */
  loopDelayP99: number;
}

export type SubscriberCommands = {
  /** Opens this many streams; answers once every one has had its `connected` event. */
  open: [number, void];
  /** What arrived since the last collect. */
  collect: [undefined, Receipts];
  /** Closes every stream; answers once they are closed. */
  close: [undefined, void];
};

/** post-creator.ts: one signed-in user creating a post every `everyMs` through post.create over HTTP. */
export interface CreatorData {
  url: string;
  cookie: string;
  everyMs: number;
}

export interface Created {
  postId: string;
  /** The request's send and its response's arrival (the acknowledgement), on the bench's clock. */
  sentAt: number;
  ackedAt: number;
}

/** Creates that got no post back, by reason (an HTTP status, or the request's error): reason → count. */
export type Failures = Record<string, number>;

export type CreatorCommands = {
  start: [undefined, void];
  /** Stops creating; answers, once the creates in flight are answered, with every create since start. */
  stop: [undefined, { created: Created[]; failed: Failures }];
};
