/**
 * Which database a URL names. The URL alone decides: nothing outside this
 * package knows (or needs to know) which one the app talks to.
 */
export type Provider = "sqlite" | "postgresql";

export const ACCEPTED_DATABASE_URLS =
  "file:path/to/db.sqlite (SQLite), or postgresql://user:password@host:5432/database (postgres:// works too)";

export function providerOf(url: string): Provider | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  return null;
}

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  if (providerOf(url) !== "postgresql") return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgresql://(unparseable)";
  }
}
