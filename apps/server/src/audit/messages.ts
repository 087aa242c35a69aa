/** What the audit API says, in English and Russian. */

import type { Lang } from "../http/language.ts";
import { AUDIT_FORMATS, type AuditQueryProblem } from "./query.ts";

export function auditQueryMessage(problem: AuditQueryProblem, lang: Lang): string {
  const en = lang === "en";
  switch (problem.code) {
    case "unknown-parameter":
      return en
        ? `unknown parameter "${problem.parameter}": use actor, action, reporter, target, from, to, page, format`
        : `неизвестный параметр «${problem.parameter}»: используйте actor, action, reporter, target, from, to, page, format`;
    case "repeated":
      return en ? `give ${problem.parameter} once` : `укажите ${problem.parameter} один раз`;
    case "actor":
      return en
        ? `actor "${problem.value}" is neither an account's email nor its number`
        : `actor «${problem.value}» — не адрес почты и не номер учётной записи`;
    case "action":
      return en
        ? `action "${problem.value}" is not an action of the audit log nor its area (such as user or submission)`
        : `action «${problem.value}» — не действие журнала аудита и не его раздел (например, user или submission)`;
    case "reporter":
      return en
        ? `reporter "${problem.value}" is not an ISO alpha-3 country code`
        : `reporter «${problem.value}» — не трёхбуквенный код страны ISO`;
    case "target":
      return en
        ? `target "${problem.value}" is not a type or type:id (such as user or user:12)`
        : `target «${problem.value}» — не тип или тип:номер (например, user или user:12)`;
    case "date":
      return en
        ? `${problem.parameter} "${problem.value}" is not a date (2026-12-04) or a time with its zone (2026-12-04T10:00Z)`
        : `${problem.parameter} «${problem.value}» — не дата (2026-12-04) и не время с часовым поясом (2026-12-04T10:00Z)`;
    case "range":
      return en ? "from must come before to" : "from должно быть раньше to";
    case "page":
      return en
        ? `page "${problem.value}" is not a positive whole number`
        : `page «${problem.value}» — не целое положительное число`;
    case "format":
      return en
        ? `format "${problem.value}" is not one of ${AUDIT_FORMATS.join(", ")}`
        : `format «${problem.value}» — не одно из ${AUDIT_FORMATS.join(", ")}`;
  }
}

export function tooManyForXlsxMessage(rows: number, max: number, lang: Lang): string {
  return lang === "en"
    ? `${rows} rows are more than a worksheet holds (${max}): narrow the filters or download CSV`
    : `${rows} строк — больше, чем вмещает лист (${max}): сузьте отбор или скачайте CSV`;
}
