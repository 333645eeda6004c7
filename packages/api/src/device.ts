import { UAParser } from "ua-parser-js";

/** "Firefox 128 on Ubuntu", from a user agent; what a person recognises their device by. */
export function describeDevice(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const { browser, os } = new UAParser(userAgent).getResult();
  const name = (part: { name?: string; version?: string }, version?: string) =>
    part.name ? [part.name, version].filter(Boolean).join(" ") : null;
  return { browser: name(browser, browser.major), os: name(os, os.version) };
}
