/** The submissions API's messages, in English and Russian (the state machine's refusals are in states.ts). */

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export const TEXTS = {
  noSubmission: (id: number) => ({ en: `There is no submission ${id}.`, ru: `Заявки ${id} нет.` }),
  notReporter: (reporter: string, reporters: readonly string[]) => ({
    en: `${reporter} is not a participating country (${reporters.join(", ")}).`,
    ru: `${reporter} не является страной-участницей (${reporters.join(", ")}).`,
  }),
  noTable: (table: string) => ({
    en: `The submission has no table ${table}.`,
    ru: `В заявке нет таблицы ${table}.`,
  }),
  noStandardTable: (table: string) => ({
    en: `${table} is not a standard table.`,
    ru: `${table} не является стандартной таблицей.`,
  }),
  noFinding: (key: string) => ({
    en: `The submission has no finding ${key}.`,
    ru: `В заявке нет замечания ${key}.`,
  }),
  metadataIssues: (n: number) => ({
    en: `The metadata have ${n} problem(s) (listed in issues): nothing was stored.`,
    ru: `В метаданных есть ошибки (${n}, см. issues): ничего не сохранено.`,
  }),
  emptyComment: { en: "The comment is empty.", ru: "Комментарий пуст." },
  notMultipart: {
    en: "Send the files as multipart/form-data.",
    ru: "Отправьте файлы в формате multipart/form-data.",
  },
  noFiles: { en: "The upload holds no file.", ru: "В загрузке нет файлов." },
  noTables: {
    en: "The files hold no standard table.",
    ru: "В файлах нет ни одной стандартной таблицы.",
  },
  uploadProblems: (n: number) => ({
    en: `The files have ${n} problem(s) (listed in problems): nothing was stored.`,
    ru: `В файлах есть ошибки (${n}, см. problems): ничего не сохранено.`,
  }),
  tooLarge: (bytes: number) => ({
    en: `The upload is larger than ${mb(bytes)} MB (BODY_LIMIT): nothing was stored.`,
    ru: `Загрузка больше ${mb(bytes)} МБ (BODY_LIMIT): ничего не сохранено.`,
  }),
  tooManyParts: {
    en: "The upload has too many files or fields (at most 20 files).",
    ru: "В загрузке слишком много файлов или полей (не более 20 файлов).",
  },
  badMultipart: {
    en: "The multipart body could not be read.",
    ru: "Не удалось прочитать тело запроса multipart.",
  },
  badYears: {
    en: 'years must be years from 1900 to 2100 such as "2019,2020" or "2015-2024" (at most 100).',
    ru: "years — годы от 1900 до 2100, например «2019,2020» или «2015-2024» (не более 100).",
  },
} as const;
