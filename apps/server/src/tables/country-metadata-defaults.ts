/**
 * Default country metadata, declared once: one entry per participating country and standard table, and more where
 * the method changed (the Russian Federation's flows before and since 2011). ILLUSTRATIVE: plausible descriptions
 * written to show the shape of the metadata and to fill a demo database, not statements of the national
 * statistical offices. Every entry's source says so in both languages; the countries' focal points replace them.
 *
 * `seedCountryMetadataDefaults(db)` writes them (see country-metadata.ts).
 */

import { CHAPTERS, type ChapterId, DEFAULT_REPORTERS, TABLE_IDS, type TableId } from "@clearinghouse/domain";
import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import {
  type CountryMetadataEntry,
  type CountryMetadataInput,
  type MetadataText,
  type UpsertOptions,
  upsertCountryMetadata,
} from "./country-metadata.ts";

/** The label at the start of every default source text. */
export const ILLUSTRATIVE_LABEL: MetadataText = {
  en: "Illustrative example, not yet confirmed by the national statistical office.",
  ru: "Иллюстративный пример, еще не подтвержденный национальной статистической службой.",
};

const illustrative = (t: MetadataText): MetadataText => ({
  en: `${ILLUSTRATIVE_LABEL.en} ${t.en}`,
  ru: `${ILLUSTRATIVE_LABEL.ru} ${t.ru}`,
});

const join = (...parts: (MetadataText | undefined)[]): MetadataText => {
  const present = parts.filter((p): p is MetadataText => p !== undefined);
  return { en: present.map((p) => p.en).join(" "), ru: present.map((p) => p.ru).join(" ") };
};

// ── Country profiles ────────────────────────────────────────────────────────────────────────────────────────────

interface Profile {
  /** The censuses, as the start of a sentence. */
  readonly censuses: MetadataText;
  /** How flows are recorded. */
  readonly flows: "register" | "border";
  /** Who keeps the records of flows, in the genitive in Russian ("Data of …"). */
  readonly agency: MetadataText;
  /** Territory covered, when not simply the whole country. */
  readonly territory?: MetadataText;
  /** A break in every table from a change of territory. */
  readonly territoryBreak?: MetadataText;
  /** A deviation in the stock tables. */
  readonly stockDeviation?: MetadataText;
}

const MINISTRY_OF_INTERNAL_AFFAIRS: MetadataText = {
  en: "the Ministry of Internal Affairs",
  ru: "Министерства внутренних дел",
};

const censuses = (years: string, yearsRu: string): MetadataText => ({
  en: `Population censuses of ${years}`,
  ru: `Переписи населения ${yearsRu} годов`,
});

const PROFILES: Readonly<Record<string, Profile>> = {
  ARM: {
    censuses: censuses("2011 and 2022", "2011 и 2022"),
    flows: "border",
    agency: { en: "the border guard service", ru: "пограничной службы" },
  },
  AZE: {
    censuses: censuses("2009 and 2019", "2009 и 2019"),
    flows: "register",
    agency: {
      en: "the State Migration Service and the Ministry of Internal Affairs",
      ru: "Государственной миграционной службы и Министерства внутренних дел",
    },
  },
  BLR: {
    censuses: censuses("2009 and 2019", "2009 и 2019"),
    flows: "register",
    agency: {
      en: "the citizenship and migration units of the Ministry of Internal Affairs",
      ru: "подразделений по гражданству и миграции Министерства внутренних дел",
    },
  },
  GEO: {
    censuses: censuses("2002 and 2014", "2002 и 2014"),
    flows: "border",
    agency: MINISTRY_OF_INTERNAL_AFFAIRS,
    territory: {
      en: "The territory controlled by the Government of Georgia: Abkhazia and the Tskhinvali region (South Ossetia) are not covered.",
      ru: "Территория, контролируемая правительством Грузии: Абхазия и Цхинвальский регион (Южная Осетия) не охвачены.",
    },
  },
  KAZ: {
    censuses: censuses("2009 and 2021", "2009 и 2021"),
    flows: "register",
    agency: MINISTRY_OF_INTERNAL_AFFAIRS,
  },
  KGZ: {
    censuses: censuses("2009 and 2022", "2009 и 2022"),
    flows: "register",
    agency: { en: "the population registration service", ru: "службы регистрации населения" },
  },
  MDA: {
    censuses: censuses("2004 and 2014", "2004 и 2014"),
    flows: "border",
    agency: { en: "the Border Police", ru: "Пограничной полиции" },
    territory: {
      en: "The country without the districts on the left bank of the Dniester and the municipality of Bender.",
      ru: "Страна без учета районов левобережья Днестра и муниципия Бендеры.",
    },
  },
  RUS: {
    censuses: censuses("2010 and 2021", "2010 и 2021"),
    flows: "register",
    agency: MINISTRY_OF_INTERNAL_AFFAIRS,
  },
  TJK: {
    censuses: censuses("2010 and 2020", "2010 и 2020"),
    flows: "register",
    agency: MINISTRY_OF_INTERNAL_AFFAIRS,
  },
  UKR: {
    censuses: { en: "The population census of 2001", ru: "Перепись населения 2001 года" },
    flows: "register",
    agency: { en: "the State Migration Service", ru: "Государственной миграционной службы" },
    territory: {
      en: "Since 2014 without the Autonomous Republic of Crimea, the city of Sevastopol and the parts of the Donetsk and Luhansk regions not controlled by the Government of Ukraine; since 2022 also without the other areas not controlled by the government.",
      ru: "С 2014 года без учета Автономной Республики Крым, г. Севастополя и частей Донецкой и Луганской областей, не контролируемых правительством Украины; с 2022 года — также без учета других территорий, не контролируемых правительством.",
    },
    territoryBreak: {
      en: "2014 and 2022: changes of the territory covered (see coverage).",
      ru: "2014 и 2022 годы: изменения охваченной территории (см. охват).",
    },
    stockDeviation: {
      en: "The breakdowns by place of birth and citizenship rest on the census of 2001, the latest one held; later years are estimates, not observations.",
      ru: "Распределения по месту рождения и гражданству основаны на переписи 2001 года, последней из проведенных; данные за последующие годы являются оценками, а не результатами наблюдения.",
    },
  },
};

const WHOLE_COUNTRY: MetadataText = { en: "The whole territory of the country.", ru: "Вся территория страны." };

// ── Texts per group of tables ───────────────────────────────────────────────────────────────────────────────────

type Texts = Omit<CountryMetadataInput, "reporter" | "tableId" | "fromYear" | "toYear">;

function stockTexts(p: Profile): Texts {
  return {
    source: illustrative({
      en: `${p.censuses.en} for the population by place of birth and citizenship; between censuses, current estimates carried forward from the latest census with births, deaths and registered migration.`,
      ru: `${p.censuses.ru} — по населению в разрезе места рождения и гражданства; в межпереписные годы — текущие оценки, рассчитанные от итогов последней переписи с учетом рождений, смертей и зарегистрированной миграции.`,
    }),
    definition: {
      en: "Population usually resident in the country on 1 January (on the census date in census years), including persons temporarily absent for less than 12 months. Place of birth by present borders; citizenship as declared, persons with several citizenships counted once.",
      ru: "Постоянное население страны на 1 января (в годы переписей — на дату переписи), включая лиц, временно отсутствующих менее 12 месяцев. Место рождения — в современных границах государств; гражданство — со слов опрошенных, лица с несколькими гражданствами учитываются один раз.",
    },
    coverage: p.territory ?? WHOLE_COUNTRY,
    breaks: join(
      {
        en: "Population figures are revised after each census, so intercensal estimates before and after a census are not directly comparable.",
        ru: "После каждой переписи численность населения пересматривается, поэтому межпереписные оценки до и после переписи непосредственно несопоставимы.",
      },
      p.territoryBreak,
    ),
    deviations: p.stockDeviation ?? null,
  };
}

function flowTexts(p: Profile): Texts {
  if (p.flows === "border") {
    return {
      source: illustrative({
        en: `Border crossing records of ${p.agency.en}, linked person by person to measure the length of stays and absences, processed by the national statistical office.`,
        ru: `Данные ${p.agency.ru} о пересечении границы, связанные по каждому лицу для определения продолжительности пребывания в стране и отсутствия в ней, обработанные национальной статистической службой.`,
      }),
      definition: {
        en: "Persons who, according to their border crossings, have stayed in the country (immigrants) or been absent from it (emigrants) for at least 12 months.",
        ru: "Лица, которые по данным о пересечении границы пробыли в стране (иммигранты) или отсутствовали в ней (эмигранты) не менее 12 месяцев.",
      },
      coverage: join(p.territory ?? WHOLE_COUNTRY, {
        en: "All persons crossing the border at official crossing points. The latest year is provisional: a stay or absence is known to reach 12 months only a year after the crossing.",
        ru: "Все лица, пересекающие границу через официальные пункты пропуска. Данные за последний год предварительные: то, что пребывание или отсутствие достигло 12 месяцев, становится известно лишь через год после пересечения границы.",
      }),
      breaks: p.territoryBreak ?? null,
      deviations: null,
    };
  }
  return {
    source: illustrative({
      en: `Records of ${p.agency.en} on registration at a place of residence, processed by the national statistical office.`,
      ru: `Данные ${p.agency.ru} о регистрации по месту жительства, обработанные национальной статистической службой.`,
    }),
    definition: {
      en: "Persons who register at a place of residence in the country on arrival from another country, or deregister on departure to another country. Foreign citizens are counted when they receive a temporary or permanent residence permit.",
      ru: "Лица, зарегистрированные по месту жительства в стране по прибытии из другой страны или снятые с регистрационного учета при выезде в другую страну. Иностранные граждане учитываются при получении разрешения на временное или постоянное проживание.",
    },
    coverage: join(p.territory ?? WHOLE_COUNTRY, {
      en: "All arrivals and departures registered in the year; citizens who leave without deregistering, and foreigners without a registration, are not covered.",
      ru: "Все прибытия и выбытия, зарегистрированные за год; граждане, выехавшие без снятия с регистрационного учета, и иностранцы без регистрации не учитываются.",
    }),
    breaks: p.territoryBreak ?? null,
    deviations: {
      en: "The length of stay is not measured: counts follow registration at a place of residence rather than the 12-month rule, and emigration is under-recorded because many people leave without deregistering.",
      ru: "Продолжительность пребывания не измеряется: учет следует регистрации по месту жительства, а не правилу 12 месяцев, а эмиграция недоучитывается, поскольку многие выезжают, не снимаясь с регистрационного учета.",
    },
  };
}

function acquisitionTexts(p: Profile): Texts {
  return {
    source: illustrative({
      en: "Records of the authority deciding on citizenship (admission, including by a simplified procedure, and restoration), processed by the national statistical office.",
      ru: "Данные органа, принимающего решения по вопросам гражданства (прием в гражданство, в том числе в упрощенном порядке, и восстановление в гражданстве), обработанные национальной статистической службой.",
    }),
    definition: {
      en: "Acquisitions of citizenship by persons usually resident in the country, counted in the year the decision takes effect; acquisition at birth is not included.",
      ru: "Приобретение гражданства лицами, постоянно проживающими в стране, учитывается в году вступления решения в силу; приобретение гражданства по рождению не учитывается.",
    },
    coverage: p.territory ?? WHOLE_COUNTRY,
    breaks: p.territoryBreak ?? null,
    deviations: null,
  };
}

// ── The Russian Federation's flows: the 2011 change to the 9-month criterion ────────────────────────────────────

const RUS_FLOWS_BEFORE_2011: Texts = {
  source: illustrative({
    en: "Records of the Ministry of Internal Affairs on registration at a place of residence, processed by Rosstat.",
    ru: "Данные МВД России о регистрации по месту жительства, обработанные Росстатом.",
  }),
  definition: {
    en: "Persons who register at a place of residence on arrival from another country, or deregister on departure to another country. Persons registered only at a place of stay are not counted, however long they stay.",
    ru: "Лица, зарегистрированные по месту жительства по прибытии из другой страны или снятые с регистрационного учета при выезде в другую страну. Лица, зарегистрированные только по месту пребывания, не учитываются независимо от срока пребывания.",
  },
  coverage: {
    en: "All arrivals and departures registered at a place of residence in the year; foreigners staying on a temporary registration are not covered.",
    ru: "Все прибытия и выбытия, зарегистрированные по месту жительства за год; иностранцы, находящиеся в стране по временной регистрации, не учитываются.",
  },
  breaks: null,
  deviations: {
    en: "The length of stay is not measured: counts follow registration at a place of residence rather than the 12-month rule, so long stays on a temporary registration are missed, and emigration is under-recorded because many people leave without deregistering.",
    ru: "Продолжительность пребывания не измеряется: учет следует регистрации по месту жительства, а не правилу 12 месяцев, поэтому длительное пребывание по временной регистрации не учитывается, а эмиграция недоучитывается, поскольку многие выезжают, не снимаясь с регистрационного учета.",
  },
};

const RUS_FLOWS_SINCE_2011: Texts = {
  source: illustrative({
    en: "Records of the Ministry of Internal Affairs on registration at a place of residence and at a place of stay (migration registration), processed by Rosstat.",
    ru: "Данные МВД России о регистрации по месту жительства и по месту пребывания (миграционный учет), обработанные Росстатом.",
  }),
  definition: {
    en: "Long-term migrants are persons registered at a place of residence and, since 2011, also persons registered at a place of stay for nine months or more. A departure is counted when a person deregisters or when such a registration at a place of stay expires.",
    ru: "Долгосрочными мигрантами считаются лица, зарегистрированные по месту жительства, а с 2011 года также лица, зарегистрированные по месту пребывания на срок девять месяцев и более. Выбытие учитывается при снятии с регистрационного учета или по истечении срока такой регистрации по месту пребывания.",
  },
  coverage: {
    en: "All arrivals and departures registered in the year at a place of residence, or at a place of stay for nine months or more; people living in the country without a registration are not covered.",
    ru: "Все прибытия и выбытия, зарегистрированные за год по месту жительства или по месту пребывания на срок девять месяцев и более; лица, проживающие в стране без регистрации, не учитываются.",
  },
  breaks: {
    en: "Break in series in 2011: from that year persons registered at a place of stay for nine months or more are counted, which raised the recorded arrivals and departures; figures from 2011 onward are not comparable with earlier years.",
    ru: "Разрыв ряда в 2011 году: с этого года учитываются лица, зарегистрированные по месту пребывания на срок девять месяцев и более, что увеличило число учтенных прибытий и выбытий; данные начиная с 2011 года несопоставимы с данными за предыдущие годы.",
  },
  deviations: {
    en: "Deviation from the 12-month rule of the UN Recommendations: a registration at a place of stay for nine months or more is enough to be counted as a long-term migrant, and the length is that of the registration, not of the actual or intended stay.",
    ru: "Отступление от правила 12 месяцев Рекомендаций ООН: для учета в качестве долгосрочного мигранта достаточно регистрации по месту пребывания на срок девять месяцев и более, причем учитывается срок регистрации, а не фактический или предполагаемый срок пребывания.",
  },
};

// ── The entries ─────────────────────────────────────────────────────────────────────────────────────────────────

const chapterOf = new Map<TableId, ChapterId>(CHAPTERS.flatMap((c) => c.tables.map((t) => [t, c.id] as const)));

function entriesFor(reporter: string, tableId: TableId): CountryMetadataInput[] {
  const profile = PROFILES[reporter];
  if (!profile) throw new Error(`no default metadata profile for ${reporter}`);
  const chapter = chapterOf.get(tableId);
  if (chapter === "birthplace" || chapter === "citizenship") return [{ reporter, tableId, ...stockTexts(profile) }];
  if (chapter === "acquisition") return [{ reporter, tableId, ...acquisitionTexts(profile) }];
  if (reporter === "RUS") {
    return [
      { reporter, tableId, fromYear: null, toYear: 2010, ...RUS_FLOWS_BEFORE_2011 },
      { reporter, tableId, fromYear: 2011, toYear: null, ...RUS_FLOWS_SINCE_2011 },
    ];
  }
  return [{ reporter, tableId, ...flowTexts(profile) }];
}

/** Illustrative default metadata: every participating country × every standard table, in table order. */
export const COUNTRY_METADATA_DEFAULTS: readonly CountryMetadataInput[] = TABLE_IDS.flatMap((tableId) =>
  DEFAULT_REPORTERS.flatMap((reporter) => entriesFor(reporter, tableId)),
);

/**
 * Writes the defaults (those of `options.reporters`, when given; none for `options.exceptTables`) in one
 * transaction. By default they replace whatever the database holds for each reporter and table (`replace: true`):
 * a reset to the defaults, for a demo database or a first start. The demo leaves out its UN tables: these
 * illustrative national texts would contradict the UN's own metadata there.
 */
export function seedCountryMetadataDefaults(
  db: Kysely<Database>,
  options: UpsertOptions & { readonly exceptTables?: readonly TableId[] } = {},
): Promise<CountryMetadataEntry[]> {
  const { reporters, exceptTables = [], ...upsert } = options;
  const entries = COUNTRY_METADATA_DEFAULTS.filter(
    (e) => (!reporters || reporters.includes(e.reporter)) && !exceptTables.includes(e.tableId as TableId),
  );
  return upsertCountryMetadata(db, entries, { replace: true, ...(reporters ? { reporters } : {}), ...upsert });
}
