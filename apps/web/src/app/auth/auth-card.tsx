import type { ReactNode } from "react";

/** The frame of every sign-in page. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="auth-title" className="mx-auto max-w-sm rounded-lg border border-stone-200 bg-white p-6">
      <h1 id="auth-title" className="mb-4 text-xl font-bold">
        {title}
      </h1>
      {children}
    </section>
  );
}
