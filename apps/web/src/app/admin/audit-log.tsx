import type { RouterOutputs } from "@gatehouse/api";
import Link from "next/link";

import { formatDate } from "~/lib/format-date";

type AuditPage = RouterOutputs["admin"]["auditLog"];

/** The audit trail, newest first, paged by links (no JavaScript needed). */
export function AuditLog({ page, nextHref }: { page: AuditPage; nextHref: string | null }) {
  return (
    <section aria-labelledby="audit-heading" className="space-y-3">
      <h2 id="audit-heading" className="text-xl font-semibold">
        Audit log
      </h2>
      <table className="w-full border-collapse rounded-lg border border-stone-200 bg-white text-left text-xs">
        <thead className="bg-stone-100">
          <tr>
            {["When", "Action", "Outcome", "Actor", "Subject", "Address", "Browser"].map((title) => (
              <th key={title} scope="col" className="p-2 font-semibold">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.items.map((entry) => (
            <tr key={entry.id} data-testid="audit-entry" className="border-t border-stone-200 align-top">
              <td className="p-2 whitespace-nowrap">{formatDate(entry.at)}</td>
              <td className="p-2">{entry.action}</td>
              <td className="p-2">{entry.outcome}</td>
              <td className="p-2 break-all">{entry.actorId ?? "—"}</td>
              <td className="p-2 break-all">{entry.subjectId ?? "—"}</td>
              <td className="p-2">{entry.ip ?? "—"}</td>
              <td className="p-2 break-all">{entry.userAgent ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextHref && (
        <Link href={nextHref} className="text-sm underline">
          Older entries
        </Link>
      )}
    </section>
  );
}
