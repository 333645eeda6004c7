import type { ReactNode } from "react";

/** An error the person must see: announced by screen readers as it appears. */
export function Alert({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
      {children}
    </p>
  );
}
