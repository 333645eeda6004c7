import { createServer, request } from "node:http";

export interface LoadBalancer {
  /** The public origin: NEXTAUTH_URL of every instance behind it. */
  url: string;
  /** The instances' origins, once they are up (they need `url` to start). */
  setTargets: (origins: string[]) => void;
  /** Requests forwarded so far, per target. */
  served: number[];
  /** Sends every request from now on to instance `index` (0-based), instead of to each in turn. */
  pin: (index: number) => void;
  stop: () => Promise<void>;
}

/**
 * A plain HTTP load balancer on 127.0.0.1, as a real deployment puts in front
 * of several instances: it forwards each request whole to one of its targets,
 * keeping the Host the browser sent.
 */
export async function startLoadBalancer(): Promise<LoadBalancer> {
  let targets: URL[] = [];
  let pinned: number | null = null;
  let next = 0;
  const pick = () => {
    const index = pinned ?? next++ % targets.length;
    balancer.served[index]! += 1;
    return targets[index]!;
  };

  const server = createServer((req, res) => {
    const target = pick();
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.rawHeaders);
        response.pipe(res);
      },
    );
    // A client that leaves (a closed EventSource) is gone for the instance too.
    res.once("close", () => upstream.destroy());
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const balancer: LoadBalancer = {
    url: `http://127.0.0.1:${port}`,
    setTargets: (origins) => {
      targets = origins.map((origin) => new URL(origin));
      balancer.served = origins.map(() => 0);
    },
    served: [],
    pin: (index) => (pinned = index),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return balancer;
}
