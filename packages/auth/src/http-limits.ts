/**
 * Route handlers and next-auth read whatever body they are sent: a client could
 * hold the server busy with megabytes. These refuse a body past a limit with
 * 413, never a 500.
 */
const tooLarge = (maxBytes: number) =>
  Response.json({ error: `The request body is larger than ${maxBytes} bytes.` }, { status: 413, headers: { Connection: "close" } });

/**
 * For handlers that read the body themselves (next-auth): a POST must declare
 * its length (browsers and fetch always do), within `maxBytes`.
 */
export function refuseLargeBody(req: Request, maxBytes: number): Response | null {
  if (req.method === "GET" || req.method === "HEAD") return null;
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isNaN(declared)) return req.body ? Response.json({ error: "Send a Content-Length." }, { status: 411 }) : null;
  return declared > maxBytes ? tooLarge(maxBytes) : null;
}

/** Reads the body, counting bytes as they come (a declared length can lie): the text, or a 413. */
export async function readBodyWithin(req: Request, maxBytes: number): Promise<string | Response> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
