/** The meaning of the symbols and flags the table shows (only those), below it. */
import type { Dataset } from "@clearinghouse/cube/browser";
import { memo, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../lib/i18n.ts";
import { legendItems } from "./legend.ts";

export const Legend = memo(function Legend({ dataset, lang }: { dataset: Dataset; lang: Lang }) {
  const { t } = useTranslation();
  const items = useMemo(() => legendItems(dataset, lang), [dataset, lang]);
  if (items.length === 0) return null;
  return (
    <div className="pivot-legend">
      <p className="pivot-legend__title">{t("grid.legend")}</p>
      <dl>
        {items.map((item) => (
          <div key={`${item.kind}:${item.mark}`}>
            <dt className={item.kind === "flag" ? "pivot-legend__flag" : undefined}>{item.mark}</dt>
            <dd>{item.label}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
});
