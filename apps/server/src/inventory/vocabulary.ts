/**
 * The inventory's fixed lists: categories of institutions and topics, with their ids (stored in the database and
 * used in URLs) and labels in English and Russian. Pure: no I/O. The migration's check constraints repeat the ids
 * (a migration never changes once shipped): adding one here needs a migration that widens the check.
 */

export type Lang = "en" | "ru";
export type Label = Readonly<Record<Lang, string>>;

export const CATEGORY_IDS = ["government", "non-profit", "academic", "international", "other"] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const CATEGORIES: Readonly<Record<CategoryId, Label>> = {
  government: { en: "Government body", ru: "Государственный орган" },
  "non-profit": { en: "Non-profit organisation", ru: "Некоммерческая организация" },
  academic: { en: "Academic or research institution", ru: "Академическое или исследовательское учреждение" },
  international: { en: "International organisation", ru: "Международная организация" },
  other: { en: "Other", ru: "Другое" },
};

/** Instead of deleting: an entry stays, with its status (a merged entry is withdrawn and redirects). */
export const STATUS_IDS = ["active", "inactive", "withdrawn"] as const;
export type StatusId = (typeof STATUS_IDS)[number];

export const STATUSES: Readonly<Record<StatusId, Label>> = {
  active: { en: "Active", ru: "Действует" },
  inactive: { en: "Inactive", ru: "Не действует" },
  withdrawn: { en: "Withdrawn", ru: "Изъята из перечня" },
};

export const TOPIC_IDS = [
  "labour-migration",
  "asylum-refugees",
  "statistics",
  "integration",
  "remittances",
  "trafficking",
  "diaspora",
  "policy",
  "border-management",
  "return-reintegration",
  "research",
  "data",
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export interface Topic {
  readonly id: TopicId;
  readonly label: Label;
  /**
   * Words of a search query that name the topic (any ending: "refugees", "беженцев"), besides its label's words;
   * a query word naming a topic finds the institutions tagged with it even when their texts do not use the word.
   */
  readonly keywords: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    id: "labour-migration",
    label: { en: "Labour migration", ru: "Трудовая миграция" },
    keywords: ["labour", "labor", "трудовая", "трудовые"],
  },
  {
    id: "asylum-refugees",
    label: { en: "Asylum and refugees", ru: "Убежище и беженцы" },
    keywords: ["asylum", "refugee", "refugees", "убежище", "беженцы", "беженец"],
  },
  { id: "statistics", label: { en: "Statistics", ru: "Статистика" }, keywords: ["statistics", "статистика"] },
  { id: "integration", label: { en: "Integration", ru: "Интеграция" }, keywords: ["integration", "интеграция"] },
  {
    id: "remittances",
    label: { en: "Remittances", ru: "Денежные переводы" },
    keywords: ["remittances", "remittance", "переводы"],
  },
  {
    id: "trafficking",
    label: { en: "Trafficking in persons", ru: "Торговля людьми" },
    keywords: ["trafficking", "торговля"],
  },
  { id: "diaspora", label: { en: "Diaspora", ru: "Диаспора" }, keywords: ["diaspora", "diasporas", "диаспора"] },
  { id: "policy", label: { en: "Migration policy", ru: "Миграционная политика" }, keywords: ["policy", "политика"] },
  {
    id: "border-management",
    label: { en: "Border management", ru: "Управление границами" },
    keywords: ["border", "borders", "граница", "границы"],
  },
  {
    id: "return-reintegration",
    label: { en: "Return and reintegration", ru: "Возвращение и реинтеграция" },
    keywords: ["return", "reintegration", "возвращение", "реинтеграция"],
  },
  { id: "research", label: { en: "Research", ru: "Исследования" }, keywords: ["research", "исследования"] },
  { id: "data", label: { en: "Data", ru: "Данные" }, keywords: ["data", "данные"] },
];

const TOPIC_BY_ID = new Map<string, Topic>(TOPICS.map((t) => [t.id, t]));

export function topicById(id: string): Topic | undefined {
  return TOPIC_BY_ID.get(id);
}

export function isCategory(id: string): id is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(id);
}

export function isTopic(id: string): id is TopicId {
  return TOPIC_BY_ID.has(id);
}

/** A topic or category given by its id or its label in either language, any case ("Remittances", "Данные"). */
export function topicOf(text: string): TopicId | undefined {
  const t = text.trim().toLowerCase();
  return TOPICS.find((x) => x.id === t || x.label.en.toLowerCase() === t || x.label.ru.toLowerCase() === t)?.id;
}

export function categoryOf(text: string): CategoryId | undefined {
  const t = text.trim().toLowerCase();
  return CATEGORY_IDS.find(
    (id) => id === t || CATEGORIES[id].en.toLowerCase() === t || CATEGORIES[id].ru.toLowerCase() === t,
  );
}

export function statusOf(text: string): StatusId | undefined {
  const t = text.trim().toLowerCase();
  return STATUS_IDS.find(
    (id) => id === t || STATUSES[id].en.toLowerCase() === t || STATUSES[id].ru.toLowerCase() === t,
  );
}
