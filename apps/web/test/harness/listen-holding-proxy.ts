import { connect, createServer, type AddressInfo, type Socket } from "node:net";

export interface ListenHoldingProxy {
  /** The database URL, through the proxy. */
  url: string;
  /** Resolves when a connection has sent its LISTEN, which the proxy keeps from PostgreSQL. */
  listenHeld: Promise<void>;
  /** Lets what it kept, and everything after it, through. */
  release: () => void;
  close: () => Promise<void>;
}

/**
 * A TCP proxy in front of PostgreSQL that passes everything through, except that
 * a connection's `LISTEN` (and whatever follows it on that connection) waits
 * until `release()`: an instance whose change listener is not listening yet.
 */
export async function startListenHoldingProxy(databaseUrl: string): Promise<ListenHoldingProxy> {
  const target = new URL(databaseUrl);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const listenHeld = new Promise<void>((resolve) => (held = resolve));
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    const kept: Buffer[] = [];
    let holding = false;
    client.on("data", (chunk: Buffer) => {
      // The simple-query message carrying the statement's text (pg sends a LISTEN as one).
      if (!holding && chunk.includes("LISTEN ")) {
        holding = true;
        held();
        void released.then(() => {
          for (const part of kept.splice(0)) upstream.write(part);
          holding = false;
        });
      }
      if (holding) kept.push(chunk);
      else upstream.write(chunk);
    });
    upstream.pipe(client);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(socket);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    listenHeld,
    release,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
