/**
 * Synthetic institutions for scale tests and benchmarks: plausible names in English and Russian from patterns
 * (kind of body × subject), cities of the region with their points (moved by up to about 5 km, so that a map has
 * something to cluster), categories, topics, countries of activity and languages. Never real: every entry has
 * synthetic = true, an id starting with "synthetic-", a name ending with "(synthetic)" / "(синтетическая запись)",
 * a summary starting "Synthetic entry for testing" / "Синтетическая запись для тестирования", and a website and
 * e-mail under the reserved .example domain. Pure and deterministic: the same seed gives the same entries.
 */

import { mulberry32 } from "../../../../packages/clearinghouse/src/demo/random.ts";
import type { InstitutionFields } from "./interchange.ts";
import { CITIES, type City, MORE_CITIES } from "./seed/cities.ts";
import type { CategoryId, TopicId } from "./vocabulary.ts";

export const SYNTHETIC_SUMMARY = {
  en: "Synthetic entry for testing",
  ru: "Синтетическая запись для тестирования",
} as const;

interface Kind {
  readonly en: string;
  readonly ru: string;
  readonly category: CategoryId;
}

const KINDS: readonly Kind[] = [
  { en: "Centre", ru: "Центр", category: "academic" },
  { en: "Institute", ru: "Институт", category: "academic" },
  { en: "Laboratory", ru: "Лаборатория", category: "academic" },
  { en: "Foundation", ru: "Фонд", category: "non-profit" },
  { en: "Association", ru: "Ассоциация", category: "non-profit" },
  { en: "Network", ru: "Сеть", category: "non-profit" },
  { en: "Agency", ru: "Агентство", category: "government" },
  { en: "Bureau", ru: "Бюро", category: "government" },
  { en: "Department", ru: "Департамент", category: "government" },
  { en: "Office", ru: "Бюро", category: "international" },
  { en: "Mission", ru: "Миссия", category: "international" },
  { en: "Observatory", ru: "Обсерватория", category: "other" },
];

interface Subject {
  readonly en: string;
  readonly ru: string;
  readonly topics: readonly TopicId[];
}

const SUBJECTS: readonly Subject[] = [
  { en: "for Migration Studies", ru: "миграционных исследований", topics: ["research"] },
  { en: "of Labour Migration", ru: "по вопросам трудовой миграции", topics: ["labour-migration"] },
  { en: "for Refugee Support", ru: "поддержки беженцев", topics: ["asylum-refugees"] },
  { en: "of Migration Statistics", ru: "статистики миграции", topics: ["statistics", "data"] },
  { en: "for Migrant Integration", ru: "по интеграции мигрантов", topics: ["integration"] },
  { en: "on Remittances and Development", ru: "по денежным переводам и развитию", topics: ["remittances"] },
  { en: "against Trafficking in Persons", ru: "по противодействию торговле людьми", topics: ["trafficking"] },
  { en: "for Diaspora Relations", ru: "по связям с диаспорой", topics: ["diaspora"] },
  { en: "of Migration Policy", ru: "миграционной политики", topics: ["policy"] },
  { en: "of Border Management", ru: "по управлению границами", topics: ["border-management"] },
  { en: "for Return and Reintegration", ru: "по возвращению и реинтеграции", topics: ["return-reintegration"] },
  { en: "of Population Data", ru: "данных о населении", topics: ["data", "statistics"] },
];

const NATIONAL_LANGUAGE: Readonly<Record<string, string>> = {
  ARM: "hy",
  AZE: "az",
  BLR: "be",
  GEO: "ka",
  KAZ: "kk",
  KGZ: "ky",
  MDA: "ro",
  RUS: "ru",
  TJK: "tg",
  TKM: "tk",
  UKR: "uk",
  UZB: "uz",
};

/** The region's capitals of the seed and more cities of the region. */
const CITY_LIST: readonly City[] = [
  ...Object.values(CITIES).filter((c) => c.country in NATIONAL_LANGUAGE),
  ...MORE_CITIES,
];

const REGION_CODES = Object.keys(NATIONAL_LANGUAGE);

/** `count` synthetic institutions (ids synthetic-000001 …, from `first`), the same for the same seed. */
export function syntheticInstitutions(count: number, seed = 1, first = 1): InstitutionFields[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const out: InstitutionFields[] = [];
  for (let k = first; k < first + count; k++) {
    const kind = pick(KINDS);
    const subject = pick(SUBJECTS);
    const city = pick(CITY_LIST);
    const number = String(k).padStart(6, "0");
    const id = `synthetic-${number}`;
    const activity = new Set([city.country]);
    const others = Math.floor(random() * 3);
    for (let i = 0; i < others; i++) activity.add(pick(REGION_CODES));
    const topics = new Set<TopicId>(subject.topics);
    if (random() < 0.5) topics.add(pick(SUBJECTS).topics[0] as TopicId);
    const acronym = `${city.name.en[0]}${kind.en[0]}${subject.en
      .split(" ")
      .filter((w) => /^[A-Z]/.test(w))
      .map((w) => w[0])
      .join("")}`;
    out.push({
      id,
      name_en: `${city.name.en} ${kind.en} ${subject.en} No. ${k} (synthetic)`,
      name_ru: `${kind.ru} ${subject.ru} № ${k}, ${city.name.ru} (синтетическая запись)`,
      name_original: null,
      original_language: null,
      acronym,
      category: kind.category,
      status: "active",
      country: city.country,
      city: city.name.en,
      city_ru: city.name.ru,
      address: null,
      // About ±0.05°: within a few kilometres of the centre.
      latitude: Math.round((city.latitude + (random() - 0.5) * 0.1) * 1e4) / 1e4,
      longitude: Math.round((city.longitude + (random() - 0.5) * 0.1) * 1e4) / 1e4,
      countries_of_activity: [...activity],
      website: `https://${id}.example`,
      source_url: null,
      email: `info@${id}.example`,
      phone: null,
      summary_en: `${SYNTHETIC_SUMMARY.en}: a ${kind.en.toLowerCase()} in ${city.name.en} working on ${subject.en.replace(/^(for|of|on|against) /, "").toLowerCase()}.`,
      summary_ru: `${SYNTHETIC_SUMMARY.ru}: ${kind.ru.toLowerCase()} ${subject.ru} в г. ${city.name.ru}.`,
      topics: [...topics],
      languages: [...new Set([NATIONAL_LANGUAGE[city.country] ?? "ru", random() < 0.6 ? "ru" : "en"])],
      verified_at: null,
      synthetic: true,
    });
  }
  return out;
}
