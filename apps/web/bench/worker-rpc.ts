import { parentPort, Worker, workerData } from "node:worker_threads";

/** What a worker answers: command name → [argument, answer]. */
export type Commands = Record<string, [unknown, unknown]>;

interface Call {
  seq: number;
  name: string;
  arg: unknown;
}

type Reply = { seq: number; ok: true; value: unknown } | { seq: number; ok: false; message: string };

/** A worker thread running a TypeScript module that serves `C` (see `serveCommands`). */
export class BenchWorker<C extends Commands> {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #seq = 0;

  constructor(entry: URL, data: object) {
    this.#worker = new Worker(new URL("./ts-worker.mjs", import.meta.url), { argv: [entry.href], workerData: data });
    this.#worker.on("message", (reply: Reply) => {
      const pending = this.#pending.get(reply.seq);
      this.#pending.delete(reply.seq);
      if (reply.ok) pending?.resolve(reply.value);
      else pending?.reject(new Error(reply.message));
    });
    this.#worker.on("error", (error) => {
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
  }

  call<K extends keyof C & string>(name: K, arg: C[K][0]): Promise<C[K][1]> {
    const seq = ++this.#seq;
    return new Promise<C[K][1]>((resolve, reject) => {
      this.#pending.set(seq, { resolve: (value) => resolve(value), reject });
      this.#worker.postMessage({ seq, name, arg } satisfies Call);
    });
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** Inside the worker: answers the parent's calls, one handler per command. */
export function serveCommands<C extends Commands>(handlers: { [K in keyof C]: (arg: C[K][0]) => C[K][1] | Promise<C[K][1]> }): void {
  parentPort!.on("message", ({ seq, name, arg }: Call) => {
    Promise.resolve()
      .then(() => handlers[name]!(arg))
      .then(
        (value) => parentPort!.postMessage({ seq, ok: true, value } satisfies Reply),
        (error: unknown) => parentPort!.postMessage({ seq, ok: false, message: String((error as Error).stack ?? error) } satisfies Reply),
      );
  });
}

/** Inside the worker: what the parent passed to `new BenchWorker(entry, data)`. */
export const benchWorkerData = <T>(): T => workerData as T;
