/** "2026-11-22 06:52 UTC": the same on the server and in every browser, so hydration matches. */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
