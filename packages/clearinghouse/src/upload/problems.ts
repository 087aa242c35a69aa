/**
 * The problems of one upload, collected as the readers go: at most `MAX_LISTED_PROBLEMS` are listed (a file with a
 * million bad cells gets a thousand problems and a count of the rest, not a million objects), and a problem that
 * would repeat on every row (the same unknown code in one column) is listed once with the number of rows.
 */

import type { Bilingual } from "@clearinghouse/cube";
import type { UploadProblem, UploadProblemCode, UploadSeverity, UploadSuggestion } from "./types.ts";

export const MAX_LISTED_PROBLEMS = 1000;

/** Where a problem is; the file is the reader's. */
export interface Place {
  readonly sheet?: string;
  readonly line?: number;
  readonly row?: number;
  readonly column?: string | number;
  readonly keyword?: string;
}

const grouping = { en: new Intl.NumberFormat("en"), ru: new Intl.NumberFormat("ru") };

/** A count written for people in both languages: 12,345 / 12 345. */
export function count(n: number): Bilingual {
  return { en: grouping.en.format(n), ru: grouping.ru.format(n) };
}

/** Russian plural form of n: "строка", "строки", "строк". */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** The problem's location said in words, for messages that name it: "line 12, column sex". */
export function placeText(p: Place): Bilingual {
  const en: string[] = [];
  const ru: string[] = [];
  if (p.sheet !== undefined) {
    en.push(`sheet "${p.sheet}"`);
    ru.push(`лист «${p.sheet}»`);
  }
  if (p.line !== undefined) {
    en.push(`line ${p.line}`);
    ru.push(`строка ${p.line}`);
  }
  if (p.row !== undefined) {
    en.push(`row ${p.row}`);
    ru.push(`строка ${p.row}`);
  }
  if (p.column !== undefined) {
    en.push(`column ${p.column}`);
    ru.push(`столбец ${p.column}`);
  }
  return { en: en.join(", "), ru: ru.join(", ") };
}

interface Repeated {
  readonly index: number;
  n: number;
}

export class ProblemList {
  readonly #problems: UploadProblem[] = [];
  readonly #repeated = new Map<string, Repeated>();
  #unlisted = 0;
  #unlistedErrors = 0;
  #errors = 0;
  #limitHit = false;

  get errorCount(): number {
    return this.#errors;
  }

  /** Whether a limit stopped a reader (then nothing of the upload is kept: it was read in part). */
  get limitHit(): boolean {
    return this.#limitHit;
  }

  add(
    severity: UploadSeverity,
    code: UploadProblemCode,
    file: string,
    place: Place,
    message: Bilingual,
    suggestions?: readonly UploadSuggestion[],
  ): void {
    if (severity === "error") this.#errors++;
    const limit = code.startsWith("limit.");
    if (limit) this.#limitHit = true;
    // A limit is always listed: it says why the reading stopped.
    if (this.#problems.length >= MAX_LISTED_PROBLEMS && !limit) {
      this.#unlisted++;
      if (severity === "error") this.#unlistedErrors++;
      return;
    }
    this.#problems.push({
      severity,
      code,
      file,
      ...place,
      message,
      ...(suggestions && suggestions.length > 0 ? { suggestions } : {}),
    });
  }

  /**
   * A problem listed once per key (the same unknown code in the same column of one file): later ones only count,
   * and the listed one says in how many rows it was found.
   */
  addOnce(
    key: string,
    severity: UploadSeverity,
    code: UploadProblemCode,
    file: string,
    place: Place,
    message: () => Bilingual,
    suggestions?: () => readonly UploadSuggestion[],
  ): void {
    const seen = this.#repeated.get(key);
    if (seen) {
      seen.n++;
      return;
    }
    if (this.#problems.length >= MAX_LISTED_PROBLEMS) {
      this.add(severity, code, file, place, { en: "", ru: "" });
      return;
    }
    this.#repeated.set(key, { index: this.#problems.length, n: 1 });
    this.add(severity, code, file, place, message(), suggestions?.());
  }

  finish(): UploadProblem[] {
    const out = this.#problems.slice();
    for (const r of this.#repeated.values()) {
      const p = out[r.index];
      if (!p || r.n === 1) continue;
      const others = r.n - 1;
      const c = count(others);
      out[r.index] = {
        ...p,
        message: {
          en: `${p.message.en} (and ${c.en} more ${others === 1 ? "time" : "times"})`,
          ru: `${p.message.ru} (и ещё ${c.ru} ${ruPlural(others, "раз", "раза", "раз")})`,
        },
      };
    }
    if (this.#unlisted > 0) {
      const c = count(this.#unlisted);
      out.push({
        severity: this.#unlistedErrors > 0 ? "error" : "warning",
        code: "limit.problems",
        file: "",
        message: {
          en: `${c.en} more problems are not listed; correct the ones above and upload again`,
          ru: `Ещё ${c.ru} ${ruPlural(this.#unlisted, "проблема не показана", "проблемы не показаны", "проблем не показано")}; исправьте показанные выше и загрузите файл снова`,
        },
      });
    }
    return out;
  }
}
