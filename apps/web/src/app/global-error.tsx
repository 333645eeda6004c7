"use client";

import "./globals.css";

// Shown when even the layout cannot render: the database is unreachable, say.
// In production Next sends no message or stack to the browser, only a digest
// that matches the server log line.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main className="mx-auto max-w-2xl px-4 py-16">
          <h1 className="mb-2 text-xl font-bold">Something went wrong on our side</h1>
          <p className="mb-4 text-stone-700">The page could not be loaded. Try again in a few seconds.</p>
          {error.digest && <p className="mb-4 text-sm text-stone-500">Reference: {error.digest}</p>}
          <button type="button" onClick={reset} className="rounded-md bg-stone-900 px-4 py-2 text-white">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
