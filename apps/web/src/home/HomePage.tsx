/** The start page: what the clearinghouse is and its tables by chapter. */
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { api } from "../lib/api.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";

export function HomePage({ lang }: { lang: Lang }) {
  const tables = useAsync(() => api.tables(lang), lang);
  if (tables.state === "loading") return <Loading />;
  if (tables.state === "failed") return <ErrorMessage error={tables.error} onRetry={tables.retry} />;
  return (
    <section className="page">
      <ul>
        {tables.value.map((table) => (
          <li key={table.id}>
            <Link href={pathOf({ page: "table", lang, id: table.id })}>{table.label}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
