import type { ServerResponse } from "node:http";

/**
 * Hands `done` the body `res` was sent, once it was all sent: the client gets
 * the response as it would have anyway. Never called for a response cut off
 * (its client went away), which never finishes.
 */
export function captureBody(res: ServerResponse, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((...args: unknown[]) => {
    keep(args[0], args[1]);
    return Reflect.apply(write, res, args) as boolean;
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== "function") keep(args[0], args[1]);
    // Its own methods again (the prototype's): nothing is written after the end.
    Reflect.deleteProperty(res, "write");
    Reflect.deleteProperty(res, "end");
    return Reflect.apply(end, res, args) as ServerResponse;
  }) as typeof res.end;
  res.once("finish", () => done(Buffer.concat(chunks)));
}
