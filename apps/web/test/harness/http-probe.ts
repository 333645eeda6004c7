import { get } from "node:http";

/** The status of a GET sent over a connection opened for it alone, "refused", or "no answer" within `timeoutMs`. */
export function statusOverNewConnection(url: string, timeoutMs = 5_000) {
  return new Promise<number | "refused" | "no answer">((resolve) => {
    const req = get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => {
      resolve("no answer");
      req.destroy();
    });
    req.on("error", () => resolve("refused"));
  });
}
