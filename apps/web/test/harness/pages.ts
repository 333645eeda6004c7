import { expect } from "vitest";

/** The nonce a page's Content-Security-Policy names ("" when it names none). */
export const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "";

/** When a home page was rendered: the time its feed was handed to React Query (a copy from the page cache keeps it). */
export const renderedAt = (html: string) => /\\"dehydratedAt\\":(\d+)/.exec(html)?.[1];

/** Views a page until the page cache serves it (the first view renders it, and may set a CSRF cookie); the copy. */
export async function viewUntilCached<T extends { html: string }>(view: () => Promise<T>): Promise<T> {
  await view();
  const rendered = await view();
  const copy = await view();
  expect(renderedAt(copy.html)).toBe(renderedAt(rendered.html));
  return copy;
}
