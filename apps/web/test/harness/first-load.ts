import { gzipSync } from "node:zlib";

/** The gzip size of the JavaScript a page loads before it is interactive: every script its HTML names. */
export async function firstLoadJsGzip(pageUrl: string): Promise<{ bytes: number; files: number }> {
  const html = await (await fetch(pageUrl)).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!))];
  let bytes = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, pageUrl))).arrayBuffer());
    bytes += gzipSync(body).length;
  }
  return { bytes, files: sources.length };
}
