/**
 * Diagnostics: every problem the reader finds is a value with a stable code, a location and a message in English
 * and Russian. Codes are never reused; add new ones at the end of their group.
 */

export type Severity = "error" | "warning";

export interface PxLocation {
  /** 1-based line in the file; 0 when the problem has no single line (e.g. a missing keyword). */
  readonly line: number;
  /** 1-based column; 0 when unknown. */
  readonly column: number;
  /** The keyword concerned, as written in the file (without language or subkeys), when there is one. */
  readonly keyword?: string;
}

export interface PxDiagnostic extends PxLocation {
  readonly code: PxDiagnosticCode;
  readonly severity: Severity;
  /** Values that fill the message templates; also useful to programs. */
  readonly params: Readonly<Record<string, string | number>>;
  /** English message (the Russian one comes from {@link diagnosticMessage}). */
  readonly message: string;
  /** What lenient mode did to carry on; absent when nothing was repaired. */
  readonly repair?: string;
}

import { countOf, NOUNS } from "./plural.ts";

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

/** Message templates per code: [English, Russian]. */
const MESSAGES = {
  // Encoding
  PX001: [
    (p) => `unknown code page "${p.codepage}"; read as ${p.used}`,
    (p) => `неизвестная кодовая страница «${p.codepage}»; файл прочитан как ${p.used}`,
  ],
  PX002: [
    (p) => `the file declares code page ${p.declared} but its bytes are ${p.detected}; read as ${p.detected}`,
    (p) =>
      `в файле указана кодовая страница ${p.declared}, но байты соответствуют ${p.detected}; файл прочитан как ${p.detected}`,
  ],
  PX003: [
    (p) => `${countOf(p.count ?? 0, NOUNS.problem.en)} more not listed`,
    (p) => `ещё ${countOf(p.count ?? 0, NOUNS.problem.ru, "ru")} не показано`,
  ],
  // Lexing
  PX010: [() => "string not closed before the end of the line", () => "строка не закрыта до конца строки файла"],
  PX011: [() => "stray quote character inside a string", () => "лишняя кавычка внутри строки"],
  PX012: [(p) => `missing ";" after the value of ${p.keyword}`, (p) => `отсутствует «;» после значения ${p.keyword}`],
  PX013: [(p) => `unexpected character "${p.char}"`, (p) => `неожиданный символ «${p.char}»`],
  PX014: [
    (p) => `malformed keyword: expected ${p.expected}`,
    (p) => `ошибка в ключевом слове: ожидалось ${p.expected}`,
  ],
  PX015: [
    (p) => `keyword "${p.keyword}" is not upper-case`,
    (p) => `ключевое слово «${p.keyword}» записано не заглавными буквами`,
  ],
  // Structure
  PX016: [
    () => "a string continues on the next line; the line break is read as # (the PX notation for a new line)",
    () =>
      "строка продолжается на следующей строке файла; перевод строки прочитан как # (обозначение новой строки в PX)",
  ],
  PX017: [
    (p) => `empty item after the last comma in ${p.keyword}`,
    (p) => `пустой элемент после последней запятой в ${p.keyword}`,
  ],
  PX020: [
    (p) => `mandatory keyword ${p.keyword} is missing`,
    (p) => `отсутствует обязательное ключевое слово ${p.keyword}`,
  ],
  PX021: [
    (p) => `${p.keyword} refers to variable "${p.variable}", which is not in STUB or HEADING`,
    (p) => `${p.keyword} ссылается на переменную «${p.variable}», которой нет в STUB или HEADING`,
  ],
  PX022: [
    (p) => `${p.keyword} refers to value "${p.value}", which variable "${p.variable}" does not have`,
    (p) => `${p.keyword} ссылается на значение «${p.value}», которого нет у переменной «${p.variable}»`,
  ],
  PX023: [
    (p) => `language "${p.language}" is not declared in LANGUAGES`,
    (p) => `язык «${p.language}» не указан в LANGUAGES`,
  ],
  PX024: [
    (p) => `${p.keyword} appears more than once; the last one is used`,
    (p) => `${p.keyword} встречается несколько раз; используется последнее`,
  ],
  PX025: [
    (p) =>
      `${p.keyword} has ${countOf(p.found ?? 0, NOUNS.item.en)} but variable "${p.variable}" has ${countOf(p.expected ?? 0, NOUNS.value.en)}`,
    (p) =>
      `в ${p.keyword} ${countOf(p.found ?? 0, NOUNS.item.ru, "ru")}, а у переменной «${p.variable}» ${countOf(p.expected ?? 0, NOUNS.value.ru, "ru")}`,
  ],
  PX026: [
    (p) => `${p.keyword} must be ${p.expected}, found "${p.found}"`,
    (p) => `${p.keyword} должно быть ${p.expected}, найдено «${p.found}»`,
  ],
  PX027: [
    (p) => `${p.keyword} has ${countOf(p.found ?? 0, NOUNS.subkey.en)}, expected ${p.expected}`,
    (p) => `у ${p.keyword} ${countOf(p.found ?? 0, NOUNS.subkey.ru, "ru")}, ожидалось ${p.expected}`,
  ],
  PX028: [
    (p) => `malformed value of ${p.keyword}, which defines the table's structure`,
    (p) => `ошибка в значении ${p.keyword}, определяющем структуру таблицы`,
  ],
  PX029: [
    (p) => `variable "${p.variable}" appears more than once in STUB and HEADING`,
    (p) => `переменная «${p.variable}» встречается в STUB и HEADING более одного раза`,
  ],
  PX030: [
    (p) => `value "${p.value}" appears more than once in variable "${p.variable}"`,
    (p) => `значение «${p.value}» встречается у переменной «${p.variable}» более одного раза`,
  ],
  PX031: [
    (p) => `${p.keyword}[${p.language}] is missing while the default language has it`,
    (p) => `отсутствует ${p.keyword}[${p.language}], хотя для языка по умолчанию оно есть`,
  ],
  PX032: [
    (p) => `TIMEVAL of "${p.variable}": ${p.problem}`,
    (p) => `TIMEVAL переменной «${p.variable}»: ${p.problemRu}`,
  ],
  PX033: [
    (p) => `LANGUAGES lists ${p.found} languages, more than the ${p.limit} a table may have`,
    (p) => `в LANGUAGES указано языков: ${p.found}, а у таблицы может быть не больше ${p.limit}`,
  ],
  // Data
  PX040: [
    (p) => `DATA has ${countOf(p.found ?? 0, NOUNS.value.en)}, expected ${p.expected}`,
    (p) => `в DATA ${countOf(p.found ?? 0, NOUNS.value.ru, "ru")}, ожидалось ${p.expected}`,
  ],
  PX041: [
    (p) => `invalid data value "${p.token}" (cell ${p.cell})`,
    (p) => `недопустимое значение данных «${p.token}» (ячейка ${p.cell})`,
  ],
  PX042: [(p) => `KEYS row: ${p.problem}`, (p) => `строка KEYS: ${p.problemRu}`],
  PX043: [() => "text after the end of DATA is ignored", () => "текст после окончания DATA пропущен"],
  PX044: [
    (p) => `data value "${p.token}" is not quoted (cell ${p.cell})`,
    (p) => `значение данных «${p.token}» не заключено в кавычки (ячейка ${p.cell})`,
  ],
} satisfies Record<string, readonly [Template, Template]>;

export type PxDiagnosticCode = keyof typeof MESSAGES;

export function diagnosticMessage(code: PxDiagnosticCode, params: Params, lang: "en" | "ru" = "en"): string {
  const [en, ru] = MESSAGES[code];
  return (lang === "ru" ? ru : en)(params);
}

export function makeDiagnostic(
  code: PxDiagnosticCode,
  severity: Severity,
  where: PxLocation,
  params: Params = {},
  repair?: string,
): PxDiagnostic {
  const message = diagnosticMessage(code, params);
  const base = { code, severity, params, message, line: where.line, column: where.column };
  const withKeyword = where.keyword === undefined ? base : { ...base, keyword: where.keyword };
  return repair === undefined ? withKeyword : { ...withKeyword, repair };
}

/** One line a person can read: `file:line:col: error PX011 [VALUES] message (repair)`. */
export function formatDiagnostic(d: PxDiagnostic, fileName = "", lang: "en" | "ru" = "en"): string {
  const place = [fileName, d.line > 0 ? String(d.line) : "", d.line > 0 && d.column > 0 ? String(d.column) : ""]
    .filter((part) => part !== "")
    .join(":");
  const keyword = d.keyword ? ` [${d.keyword}]` : "";
  const severity = lang === "ru" ? (d.severity === "error" ? "ошибка" : "предупреждение") : d.severity;
  const repair = d.repair ? ` — ${d.repair}` : "";
  const message = lang === "en" ? d.message : diagnosticMessage(d.code, d.params, lang);
  return `${place ? `${place}: ` : ""}${severity} ${d.code}${keyword}: ${message}${repair}`;
}

/**
 * Collects diagnostics during one read. In strict mode a repairable problem is an error; in lenient mode it is a
 * warning that says what was repaired.
 */
export class DiagnosticSink {
  /** At most this many diagnostics are kept; a hostile file must not turn into millions of objects. */
  static readonly LIMIT = 500;
  readonly items: PxDiagnostic[] = [];
  private suppressed = 0;
  private suppressedError = false;

  private errors = 0;
  constructor(readonly strict: boolean) {}

  /** True once the limit is reached: callers with many similar checks to make may stop making them. */
  get full(): boolean {
    return this.items.length >= DiagnosticSink.LIMIT;
  }

  /** Beyond the limit a diagnostic is only counted, not built: its message would be thrown away. */
  private push(code: PxDiagnosticCode, severity: Severity, where: PxLocation, params: Params, repair?: string): void {
    if (severity === "error") this.errors++;
    if (this.items.length < DiagnosticSink.LIMIT)
      this.items.push(makeDiagnostic(code, severity, where, params, repair));
    else {
      this.suppressed++;
      if (severity === "error") this.suppressedError = true;
    }
  }

  error(code: PxDiagnosticCode, where: PxLocation, params: Params = {}): void {
    this.push(code, "error", where, params);
  }

  /** Worth saying, accepted in both modes (the reference reader accepts it too). */
  warn(code: PxDiagnosticCode, where: PxLocation, params: Params = {}, repair?: string): void {
    this.push(code, "warning", where, params, repair);
  }

  /** A problem lenient mode can repair; `repair` says how. */
  repairable(code: PxDiagnosticCode, where: PxLocation, params: Params, repair: string): void {
    if (this.strict) this.push(code, "error", where, params);
    else this.push(code, "warning", where, params, repair);
  }

  /**
   * `count` similar repairable problems, the k-th described by `one(k)`: once the limit is reached the rest are
   * counted at once instead of one by one (a file can make millions of them).
   */
  repairableMany(
    count: number,
    one: (k: number) => { code: PxDiagnosticCode; where: PxLocation; params: Params; repair: string },
  ): void {
    let k = 0;
    for (; k < count && !this.full; k++) {
      const d = one(k);
      this.repairable(d.code, d.where, d.params, d.repair);
    }
    const rest = count - k;
    if (rest <= 0) return;
    this.suppressed += rest;
    if (this.strict) {
      this.errors += rest;
      this.suppressedError = true;
    }
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /** The diagnostics, with a last one counting those beyond the limit. */
  finish(): PxDiagnostic[] {
    if (this.suppressed === 0) return this.items;
    const severity = this.suppressedError ? "error" : "warning";
    return [...this.items, makeDiagnostic("PX003", severity, { line: 0, column: 0 }, { count: this.suppressed })];
  }
}
