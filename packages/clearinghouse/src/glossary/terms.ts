/**
 * The bilingual glossary of the practical guide: concepts, derived indicators, data sources and classifications
 * used by the 12 standard tables. Definitions are written for this project after the UN Recommendations on
 * Statistics of International Migration (Rev. 1, 1998, and the 2021 conceptual framework of the UN Expert Group on
 * Migration Statistics) and the guidance of the Conference of European Statisticians; each term cites the document
 * it follows (`source`, from `sources.ts`).
 */

import { GLOSSARY_SOURCES } from "./sources.ts";

/** A text in the two working languages. */
export interface GlossaryText {
  readonly en: string;
  readonly ru: string;
}

export type GlossaryLang = keyof GlossaryText;

/** Ids of the 12 standard tables, as used in the API and in file names. */
export const GLOSSARY_TABLE_IDS = [
  "T1_1",
  "T1_2",
  "T2_1",
  "T2_2",
  "T3",
  "T4",
  "T5_1",
  "T5_2",
  "T6_1",
  "T6_2",
  "T7_1",
  "T7_2",
] as const;
export type GlossaryTableId = (typeof GLOSSARY_TABLE_IDS)[number];

/** Ids of the derived indicators that the clearinghouse computes; each one is also the id of its glossary term. */
export const GLOSSARY_INDICATOR_IDS = [
  "net-migration",
  "immigration-rate",
  "emigration-rate",
  "net-migration-rate",
  "foreign-born-share",
  "foreign-citizen-share",
  "naturalisation-rate",
  "sex-ratio",
  "top-five-partners-share",
] as const;
export type GlossaryIndicatorId = (typeof GLOSSARY_INDICATOR_IDS)[number];

export const GLOSSARY_CATEGORIES = ["concept", "indicator", "source", "classification"] as const;
export type GlossaryCategory = (typeof GLOSSARY_CATEGORIES)[number];

export interface GlossaryTerm {
  /** Stable kebab-case id, used in links from tables and in the API. */
  readonly id: string;
  readonly term: GlossaryText;
  readonly definition: GlossaryText;
  /** Ids of related terms; the relation is symmetric. */
  readonly related: readonly string[];
  /** Standard tables that use the term. */
  readonly tables: readonly GlossaryTableId[];
  /** Derived indicators that use the term. */
  readonly indicators: readonly GlossaryIndicatorId[];
  readonly category: GlossaryCategory;
  /** The document the definition is written after (`GLOSSARY_SOURCES`), as a citation. */
  readonly source: GlossaryText;
}

const FLOW_TABLES = ["T3", "T4", "T5_1", "T5_2", "T6_1", "T6_2"] as const satisfies readonly GlossaryTableId[];
const IMMIGRATION_TABLES = ["T3", "T5_1", "T5_2"] as const satisfies readonly GlossaryTableId[];
const EMIGRATION_TABLES = ["T4", "T6_1", "T6_2"] as const satisfies readonly GlossaryTableId[];
const STOCK_TABLES = ["T1_1", "T1_2", "T2_1", "T2_2"] as const satisfies readonly GlossaryTableId[];
const PARTNER_TABLES = [
  "T1_2",
  "T2_2",
  "T3",
  "T4",
  "T5_2",
  "T6_2",
  "T7_2",
] as const satisfies readonly GlossaryTableId[];
const CITSTATUS_TABLES = ["T2_1", "T5_1", "T6_1", "T7_1"] as const satisfies readonly GlossaryTableId[];
const RATES = [
  "immigration-rate",
  "emigration-rate",
  "net-migration-rate",
] as const satisfies readonly GlossaryIndicatorId[];

const TERMS: readonly Omit<GlossaryTerm, "source">[] = [
  // ── Who is a migrant ──────────────────────────────────────────────────────────────────────────────────────────
  {
    id: "international-migrant",
    term: { en: "International migrant", ru: "Международный мигрант" },
    definition: {
      en: "A person who changes his or her country of usual residence. In flow statistics the move is counted in the year it happens; in stock statistics the international migrant population is usually approximated by the foreign-born or by foreign citizens. Tourists, business travellers, seasonal visitors and other people who do not change their usual residence are not international migrants.",
      ru: "Лицо, сменившее страну своего обычного проживания. В статистике потоков переезд учитывается в том году, когда он произошел; в статистике численности мигрантов их совокупность обычно измеряется через родившихся за рубежом или через иностранных граждан. Туристы, деловые путешественники, сезонные посетители и другие лица, не сменившие обычного места жительства, международными мигрантами не являются.",
    },
    related: [
      "long-term-migrant",
      "short-term-migrant",
      "country-of-usual-residence",
      "migration-flow",
      "migrant-stock",
      "foreign-born",
      "foreign-citizen",
    ],
    tables: FLOW_TABLES,
    indicators: [],
    category: "concept",
  },
  {
    id: "long-term-migrant",
    term: { en: "Long-term migrant", ru: "Долгосрочный мигрант" },
    definition: {
      en: "A person who moves to a country other than that of his or her usual residence for at least 12 months, so that the new country becomes the country of usual residence. The same person is a long-term emigrant for the country left and a long-term immigrant for the country entered. Tables 3 to 6 count long-term migrants; each country states in its metadata which duration and which records it actually uses.",
      ru: "Лицо, переехавшее в другую страну, не являющуюся страной его обычного проживания, на срок не менее 12 месяцев, так что новая страна становится страной его обычного проживания. Для страны выбытия такое лицо является долгосрочным эмигрантом, для страны прибытия — долгосрочным иммигрантом. Таблицы 3–6 содержат данные о долгосрочных мигрантах; каждая страна указывает в метаданных, какой срок и какие источники она фактически использует.",
    },
    related: [
      "international-migrant",
      "short-term-migrant",
      "twelve-month-rule",
      "nine-month-practice",
      "usual-residence",
      "immigration",
      "emigration",
      "student-migration",
    ],
    tables: FLOW_TABLES,
    indicators: ["net-migration", ...RATES],
    category: "concept",
  },
  {
    id: "short-term-migrant",
    term: { en: "Short-term migrant", ru: "Краткосрочный мигрант" },
    definition: {
      en: "In the 1998 UN recommendations, a person who moves to another country for at least three months but less than a year, except for holidays, visits to friends and relatives, business trips, medical treatment or religious pilgrimage. The 2021 conceptual framework treats such stays as temporary mobility rather than migration, because they do not change the country of usual residence. Short-term moves are not counted in the standard tables, yet they matter for seasonal and circular labour migration.",
      ru: "Согласно рекомендациям ООН 1998 года — лицо, переехавшее в другую страну на срок от трех месяцев до одного года, если целью поездки не являются отдых, посещение родственников и друзей, деловая командировка, лечение или паломничество. Концептуальная основа 2021 года рассматривает такое пребывание как временную мобильность, а не миграцию, поскольку страна обычного проживания при этом не меняется. В стандартных таблицах краткосрочные перемещения не учитываются, однако они важны для анализа сезонной и циркулярной трудовой миграции.",
    },
    related: [
      "international-migrant",
      "long-term-migrant",
      "twelve-month-rule",
      "circular-migration",
      "labour-migration",
    ],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "usual-residence",
    term: { en: "Usual residence", ru: "Обычное место жительства" },
    definition: {
      en: "The place where a person normally lives and spends the daily period of rest. Censuses define it either as the place where the person has lived for most of the last 12 months or as the place where he or she has lived, or intends to live, for at least 12 months. Holidays, business trips, treatment and similar temporary absences do not change a person's usual residence.",
      ru: "Место, где человек обычно живет и проводит ежедневный период отдыха. В переписях населения его определяют либо как место, где лицо прожило большую часть последних 12 месяцев, либо как место, где оно прожило или намерено прожить не менее 12 месяцев. Отпуск, командировка, лечение и другие временные отлучки не меняют обычного места жительства.",
    },
    related: ["country-of-usual-residence", "twelve-month-rule", "long-term-migrant", "place-of-stay-registration"],
    tables: ["T1_1", "T1_2", "T2_1", "T2_2", ...FLOW_TABLES],
    indicators: [],
    category: "concept",
  },
  {
    id: "country-of-usual-residence",
    term: { en: "Country of usual residence", ru: "Страна обычного проживания" },
    definition: {
      en: "The country in which a person has his or her usual residence, that is, where the person normally lives. A change of the country of usual residence is what makes a person an international migrant. The standard tables describe the population usually resident in the reporting country and the moves into and out of it.",
      ru: "Страна, в которой находится обычное место жительства лица, то есть где оно обычно живет. Именно смена страны обычного проживания делает человека международным мигрантом. Стандартные таблицы описывают население, обычно проживающее в стране, представившей данные, а также его прибытие в страну и выбытие из нее.",
    },
    related: ["usual-residence", "international-migrant", "country-of-previous-residence", "country-of-next-residence"],
    tables: ["T3", "T4"],
    indicators: [],
    category: "concept",
  },
  {
    id: "twelve-month-rule",
    term: { en: "12-month rule", ru: "Правило 12 месяцев" },
    definition: {
      en: "The international criterion for long-term migration: a person is counted as an immigrant when he or she has stayed, or intends to stay, in the country for at least 12 months, and as an emigrant after an absence, actual or intended, of the same length. Counts based on intended duration can be compiled quickly but must be revised when people stay shorter or longer than they said. Counts based on actual duration are only final a year after the move, so the latest figures are often provisional.",
      ru: "Международный критерий долгосрочной миграции: лицо учитывается как иммигрант, если оно пробыло или намерено пробыть в стране не менее 12 месяцев, и как эмигрант — после фактического или предполагаемого отсутствия такой же продолжительности. Данные, основанные на предполагаемом сроке, получают быстро, но их приходится пересматривать, когда люди остаются в стране меньше или дольше заявленного. Данные по фактическому сроку становятся окончательными лишь через год после переезда, поэтому последние цифры часто являются предварительными.",
    },
    related: ["long-term-migrant", "nine-month-practice", "usual-residence", "short-term-migrant", "provisional"],
    tables: FLOW_TABLES,
    indicators: [],
    category: "concept",
  },
  {
    id: "nine-month-practice",
    term: { en: "9-month practice", ru: "Критерий 9 месяцев" },
    definition: {
      en: "A national deviation from the 12-month rule. Since 2011 the Russian Federation counts as long-term migrants, besides persons registered at a place of residence, persons registered at a place of stay for nine months or more. This raised the recorded flows from 2011 onward, so it is a break in series, and the figures are not strictly comparable with countries that apply 12 months; the country metadata shows such deviations next to the numbers.",
      ru: "Национальное отступление от правила 12 месяцев. С 2011 года Российская Федерация учитывает в качестве долгосрочных мигрантов, помимо лиц, зарегистрированных по месту жительства, также лиц, зарегистрированных по месту пребывания на срок девять месяцев и более. Это увеличило учитываемые потоки начиная с 2011 года, поэтому здесь имеет место разрыв ряда, а данные не вполне сопоставимы с данными стран, применяющих срок 12 месяцев; метаданные страны показывают такие отступления рядом с цифрами.",
    },
    related: ["twelve-month-rule", "long-term-migrant", "break-in-series", "place-of-stay-registration"],
    tables: FLOW_TABLES,
    indicators: [],
    category: "concept",
  },
  {
    id: "place-of-stay-registration",
    term: { en: "Registration at place of residence or stay", ru: "Регистрация по месту жительства и пребывания" },
    definition: {
      en: "The administrative registration of where a person lives, inherited in many countries of the region from the Soviet residence permit system. Registration at a place of residence is meant to be lasting, registration at a place of stay is temporary and has an end date. Migration statistics built on these records follow the registration rules rather than the statistical notion of usual residence, so people who live without registering, or leave without deregistering, are missed.",
      ru: "Административный учет места проживания лица, унаследованный во многих странах региона от советской системы прописки. Регистрация по месту жительства предполагается длительной, регистрация по месту пребывания — временной и имеет срок окончания. Статистика миграции, построенная на этих записях, следует правилам регистрации, а не статистическому понятию обычного места жительства, поэтому лица, живущие без регистрации или выехавшие без снятия с учета, в нее не попадают.",
    },
    related: ["usual-residence", "nine-month-practice", "population-register", "administrative-data", "emigration"],
    tables: FLOW_TABLES,
    indicators: [],
    category: "concept",
  },

  // ── Origin and destination ────────────────────────────────────────────────────────────────────────────────────
  {
    id: "country-of-previous-residence",
    term: { en: "Country of previous residence", ru: "Страна предыдущего проживания" },
    definition: {
      en: "For an immigrant, the country in which he or she usually lived immediately before arriving in the reporting country. It is neither the country of birth nor of citizenship, and countries crossed in transit do not count. Table 3 breaks long-term immigration down by this variable, and it is the variable compared with the partner country's emigration in mirror statistics.",
      ru: "Для иммигранта — страна, в которой он обычно проживал непосредственно перед прибытием в страну, представившую данные. Это не страна рождения и не страна гражданства; страны транзита также не учитываются. По этому признаку в таблице 3 распределена долгосрочная иммиграция, и именно он сопоставляется с эмиграцией страны-партнера в зеркальной статистике.",
    },
    related: [
      "country-of-usual-residence",
      "country-of-next-residence",
      "immigration",
      "partner-country",
      "mirror-statistics",
    ],
    tables: ["T3"],
    indicators: ["top-five-partners-share"],
    category: "classification",
  },
  {
    id: "country-of-next-residence",
    term: { en: "Country of next residence", ru: "Страна последующего проживания" },
    definition: {
      en: 'For an emigrant, the country in which he or she intends to live, or actually lives, after leaving the reporting country. It is often unknown because emigrants do not declare their departure or destination, so the category "unknown" can be large. Table 4 breaks long-term emigration down by this variable.',
      ru: "Для эмигранта — страна, в которой он намерен проживать или фактически проживает после выезда из страны, представившей данные. Она нередко остается неизвестной, поскольку эмигранты не сообщают о выезде или о стране назначения, и категория «неизвестно» может быть значительной. По этому признаку в таблице 4 распределена долгосрочная эмиграция.",
    },
    related: [
      "country-of-usual-residence",
      "country-of-previous-residence",
      "emigration",
      "partner-country",
      "mirror-statistics",
    ],
    tables: ["T4"],
    indicators: ["top-five-partners-share"],
    category: "classification",
  },

  // ── Birth and citizenship ─────────────────────────────────────────────────────────────────────────────────────
  {
    id: "country-of-birth",
    term: { en: "Country of birth", ru: "Страна рождения" },
    definition: {
      en: "The country in which a person was born, recommended to be recorded within present-day borders. For the region this matters: a person born in a Soviet republic is reported as born in the successor state that now includes the place of birth. Unlike citizenship, country of birth never changes, which makes it the preferred basis for measuring the migrant population over time.",
      ru: "Страна, в которой родилось лицо; рекомендуется указывать ее в современных границах. Для региона это существенно: лицо, родившееся в одной из союзных республик СССР, учитывается как родившееся в том государстве-преемнике, на территории которого теперь находится место рождения. В отличие от гражданства, страна рождения не меняется, поэтому она является предпочтительной основой для измерения численности мигрантов во времени.",
    },
    related: [
      "place-of-birth",
      "native-born",
      "foreign-born",
      "partner-country",
      "migrant-stock",
      "top-five-partners-share",
    ],
    tables: ["T1_1", "T1_2"],
    indicators: ["foreign-born-share", "top-five-partners-share"],
    category: "classification",
  },
  {
    id: "place-of-birth",
    term: { en: "Place of birth", ru: "Место рождения" },
    definition: {
      en: "The locality, region or country where a person was born. Some countries record the usual residence of the mother at the time of birth rather than the place of delivery, which should be stated in the metadata. For international migration statistics the place of birth is summarised as born in the reporting country or born abroad, as in table 1.1.",
      ru: "Населенный пункт, регион или страна, где родилось лицо. Некоторые страны записывают не место, где произошли роды, а обычное место жительства матери на момент рождения, что следует указывать в метаданных. Для статистики международной миграции место рождения сводится к двум категориям — родившиеся в стране и родившиеся за рубежом, как в таблице 1.1.",
    },
    related: ["country-of-birth", "native-born", "foreign-born"],
    tables: ["T1_1"],
    indicators: ["foreign-born-share"],
    category: "classification",
  },
  {
    id: "native-born",
    term: { en: "Native-born", ru: "Родившиеся в стране" },
    definition: {
      en: "Persons born in the reporting country, whatever their citizenship. Children born in the country to immigrant parents are native-born, even when they are foreign citizens. Together with the foreign-born and the unknown they make up the total population of table 1.1.",
      ru: "Лица, родившиеся в стране, представившей данные, независимо от их гражданства. Дети иммигрантов, родившиеся в стране, относятся к родившимся в стране, даже если они являются иностранными гражданами. Вместе с родившимися за рубежом и лицами с неизвестным местом рождения они составляют все население в таблице 1.1.",
    },
    related: ["foreign-born", "country-of-birth", "place-of-birth"],
    tables: ["T1_1"],
    indicators: ["foreign-born-share"],
    category: "concept",
  },
  {
    id: "foreign-born",
    term: { en: "Foreign-born", ru: "Родившиеся за рубежом" },
    definition: {
      en: "Persons usually resident in the reporting country who were born in another country, whatever their citizenship. This is the usual measure of the international migrant stock. In the region it includes many people who moved between Soviet republics before 1991 and have long been citizens of their country of residence, so a high foreign-born share does not mean recent immigration.",
      ru: "Лица, обычно проживающие в стране, представившей данные, но родившиеся в другой стране, независимо от их гражданства. Это основной показатель численности международных мигрантов. В регионе к ним относятся многие люди, переехавшие между союзными республиками до 1991 года и давно ставшие гражданами страны проживания, поэтому высокая доля родившихся за рубежом не обязательно означает недавнюю иммиграцию.",
    },
    related: [
      "native-born",
      "country-of-birth",
      "place-of-birth",
      "migrant-stock",
      "international-migrant",
      "foreign-born-share",
    ],
    tables: ["T1_1", "T1_2"],
    indicators: ["foreign-born-share"],
    category: "concept",
  },
  {
    id: "citizenship",
    term: { en: "Citizenship", ru: "Гражданство" },
    definition: {
      en: "The legal bond between a person and a state, recorded in statistics as the country of citizenship. It is not the same as ethnicity, which in Russian is often called nationality; the tables refer only to the legal bond. Citizenship can change through acquisition or loss, so counts by citizenship shift even when nobody moves.",
      ru: "Правовая связь лица с государством, которая в статистике отражается как страна гражданства. Гражданство не совпадает с этнической принадлежностью (национальностью); таблицы отражают только правовую связь. Гражданство может меняться в результате приобретения или утраты, поэтому распределение по гражданству меняется даже тогда, когда никто не переезжает.",
    },
    related: [
      "foreign-citizen",
      "stateless-person",
      "dual-citizenship",
      "acquisition-of-citizenship",
      "citizenship-status",
      "country-of-citizenship",
    ],
    tables: ["T2_1", "T2_2", "T5_1", "T5_2", "T6_1", "T6_2", "T7_1", "T7_2"],
    indicators: ["foreign-citizen-share", "naturalisation-rate"],
    category: "concept",
  },
  {
    id: "foreign-citizen",
    term: { en: "Foreign citizen", ru: "Иностранный гражданин" },
    definition: {
      en: "A person who is a citizen of another state and not of the reporting country. A person who holds the citizenship of the reporting country together with another one is counted as a citizen, not as a foreigner. Foreign citizens include people born in the country who have not acquired its citizenship, so they are not the same group as the foreign-born.",
      ru: "Лицо, являющееся гражданином другого государства и не имеющее гражданства страны, представившей данные. Лицо, имеющее гражданство этой страны наряду с другим гражданством, учитывается как гражданин страны, а не как иностранец. К иностранным гражданам относятся и родившиеся в стране лица, не получившие ее гражданства, поэтому эта группа не совпадает с родившимися за рубежом.",
    },
    related: [
      "citizenship",
      "stateless-person",
      "dual-citizenship",
      "international-migrant",
      "foreign-citizen-share",
      "naturalisation-rate",
      "country-of-citizenship",
      "acquisition-of-citizenship",
    ],
    tables: ["T2_1", "T2_2", "T5_1", "T5_2", "T6_1", "T6_2", "T7_1"],
    indicators: ["foreign-citizen-share", "naturalisation-rate"],
    category: "concept",
  },
  {
    id: "stateless-person",
    term: { en: "Stateless person", ru: "Лицо без гражданства" },
    definition: {
      en: "A person whom no state considers as its national under its law. In the region statelessness often goes back to the dissolution of the USSR, for example holders of old Soviet passports who never confirmed a new citizenship. Tables 2.1, 5.1 and 6.1 show stateless persons separately from foreign citizens; whether table 2.2 includes them is stated in the country metadata.",
      ru: "Лицо, которое ни одно государство в силу своего законодательства не считает своим гражданином. В регионе безгражданство часто связано с распадом СССР, например у владельцев паспортов бывшего СССР, не оформивших новое гражданство. В таблицах 2.1, 5.1 и 6.1 лица без гражданства показаны отдельно от иностранных граждан; включены ли они в таблицу 2.2, указывается в метаданных страны.",
    },
    related: [
      "citizenship",
      "foreign-citizen",
      "citizenship-status",
      "acquisition-of-citizenship",
      "refugee",
      "naturalisation-rate",
    ],
    tables: CITSTATUS_TABLES,
    indicators: ["naturalisation-rate"],
    category: "concept",
  },
  {
    id: "dual-citizenship",
    term: { en: "Dual citizenship", ru: "Двойное гражданство" },
    definition: {
      en: "Holding the citizenship of two or more states at the same time. For statistics, a person who holds the citizenship of the reporting country is counted as a citizen; a person with two foreign citizenships is assigned to one country by a stated rule, for example the passport used to register. Not every country of the region recognises dual citizenship, so such cases may be invisible in administrative records.",
      ru: "Одновременное наличие гражданства двух или более государств. В статистике лицо, имеющее гражданство страны, представившей данные, учитывается как ее гражданин; лицо с двумя иностранными гражданствами относится к одной стране по установленному правилу, например по паспорту, предъявленному при регистрации. Не все страны региона признают двойное гражданство, поэтому в административных данных такие случаи могут быть не видны.",
    },
    related: ["citizenship", "foreign-citizen", "country-of-citizenship", "acquisition-of-citizenship"],
    tables: ["T2_1", "T2_2", "T7_2"],
    indicators: [],
    category: "concept",
  },
  {
    id: "acquisition-of-citizenship",
    term: {
      en: "Acquisition of citizenship (naturalisation)",
      ru: "Приобретение гражданства (натурализация)",
    },
    definition: {
      en: "Any grant of the citizenship of the reporting country to a person who did not hold it before: naturalisation on application, registration or declaration, simplified procedures for compatriots, acquisition through marriage or adoption, and so on. Acquisition at birth is excluded. Tables 7.1 and 7.2 count the persons who acquired citizenship during the year by their previous status and previous citizenship.",
      ru: "Любое предоставление гражданства страны, представившей данные, лицу, ранее его не имевшему: натурализация по заявлению, прием в гражданство в порядке регистрации или по заявлению, упрощенный порядок для соотечественников, приобретение в связи с браком или усыновлением и т. д. Приобретение гражданства по рождению не учитывается. Таблицы 7.1 и 7.2 показывают число лиц, приобретших гражданство за год, по их предыдущему статусу и предыдущему гражданству.",
    },
    related: [
      "citizenship",
      "foreign-citizen",
      "stateless-person",
      "dual-citizenship",
      "naturalisation-rate",
      "country-of-previous-citizenship",
    ],
    tables: ["T7_1", "T7_2"],
    indicators: ["naturalisation-rate"],
    category: "concept",
  },

  // ── Flows and stocks ──────────────────────────────────────────────────────────────────────────────────────────
  {
    id: "immigration",
    term: { en: "Immigration", ru: "Иммиграция" },
    definition: {
      en: "The arrival of persons who establish their usual residence in the reporting country for at least 12 months after having lived in another country. Returning citizens are immigrants too. Tables 3, 5.1 and 5.2 count long-term immigrants during the calendar year by country of previous residence, citizenship status and country of citizenship.",
      ru: "Прибытие лиц, которые после проживания в другой стране устанавливают обычное место жительства в стране, представившей данные, на срок не менее 12 месяцев. Возвращающиеся граждане страны также являются иммигрантами. Таблицы 3, 5.1 и 5.2 показывают число долгосрочных иммигрантов за календарный год по стране предыдущего проживания, статусу гражданства и стране гражданства.",
    },
    related: [
      "emigration",
      "net-migration",
      "long-term-migrant",
      "migration-flow",
      "country-of-previous-residence",
      "immigration-rate",
      "return-migration",
    ],
    tables: IMMIGRATION_TABLES,
    indicators: ["net-migration", "immigration-rate", "net-migration-rate"],
    category: "concept",
  },
  {
    id: "emigration",
    term: { en: "Emigration", ru: "Эмиграция" },
    definition: {
      en: "The departure of persons who leave the reporting country to establish their usual residence in another country for at least 12 months. Emigration is the hardest flow to measure: people seldom deregister when they leave, so sending countries usually record fewer emigrants than receiving countries record immigrants. Tables 4, 6.1 and 6.2 count long-term emigrants during the calendar year.",
      ru: "Выбытие лиц, покидающих страну, представившую данные, чтобы установить обычное место жительства в другой стране на срок не менее 12 месяцев. Эмиграцию измерить труднее всего: выезжающие редко снимаются с учета, поэтому страны выбытия, как правило, учитывают меньше эмигрантов, чем страны прибытия — иммигрантов. Таблицы 4, 6.1 и 6.2 показывают число долгосрочных эмигрантов за календарный год.",
    },
    related: [
      "immigration",
      "net-migration",
      "long-term-migrant",
      "migration-flow",
      "country-of-next-residence",
      "emigration-rate",
      "mirror-statistics",
      "place-of-stay-registration",
    ],
    tables: EMIGRATION_TABLES,
    indicators: ["net-migration", "emigration-rate", "net-migration-rate"],
    category: "concept",
  },
  {
    id: "migration-flow",
    term: { en: "Migration flow", ru: "Миграционный поток" },
    definition: {
      en: "The number of migrants who enter or leave a country during a period, usually a calendar year. Flows are events over time, while stocks are counts at a moment; a change in the migrant stock is the result of flows, deaths, births and changes of citizenship. Tables 3 to 6 are flow tables.",
      ru: "Число мигрантов, прибывших в страну или выбывших из нее за определенный период, обычно за календарный год. Потоки — это события за период, а численность мигрантов — это состояние на определенную дату; изменение численности мигрантов складывается из потоков, смертей, рождений и смены гражданства. Таблицы 3–6 относятся к таблицам потоков.",
    },
    related: ["migrant-stock", "immigration", "emigration", "international-migrant", "net-migration"],
    tables: FLOW_TABLES,
    indicators: ["net-migration", ...RATES],
    category: "concept",
  },
  {
    id: "migrant-stock",
    term: { en: "Migrant stock", ru: "Численность мигрантов" },
    definition: {
      en: "The number of international migrants living in a country at a given moment, usually measured as the foreign-born population and sometimes as the foreign-citizen population (the UN adds refugees where a country's data miss them). The moment is stated with each table: the UN's estimates, which stand in for tables 1.1 and 1.2 here, refer to 1 July (mid-year); a country's own figures refer to the date its metadata states, such as the start of the year or a census date. Tables 1.1 to 2.2 are stock tables.",
      ru: "Число международных мигрантов, проживающих в стране на определенный момент; обычно измеряется численностью населения, родившегося за рубежом, а иногда — численностью иностранных граждан (ООН добавляет беженцев, если данные страны их не охватывают). Момент указывается для каждой таблицы: оценки ООН, используемые здесь в таблицах 1.1 и 1.2, относятся к 1 июля (середине года); собственные данные страны — к дате, указанной в ее метаданных, например к началу года или к дате переписи. Таблицы 1.1–2.2 относятся к таблицам численности.",
    },
    related: [
      "migration-flow",
      "foreign-born",
      "foreign-citizen-share",
      "foreign-born-share",
      "international-migrant",
      "country-of-birth",
      "population-census",
    ],
    tables: STOCK_TABLES,
    indicators: ["foreign-born-share", "foreign-citizen-share"],
    category: "concept",
  },
  {
    id: "return-migration",
    term: { en: "Return migration", ru: "Возвратная миграция" },
    definition: {
      en: "The movement of persons back to their country of citizenship or birth after having been international migrants in another country, usually for at least a year. Returning citizens appear in table 5.1 as immigrants with the status of citizens. Return is often under-recorded because citizens do not have to report their arrival, while their earlier departure may never have been recorded either.",
      ru: "Переезд лиц обратно в страну своего гражданства или рождения после пребывания в качестве международных мигрантов в другой стране, как правило не менее года. Возвращающиеся граждане отражаются в таблице 5.1 как иммигранты со статусом граждан страны. Возвратная миграция часто учитывается не полностью, поскольку граждане не обязаны сообщать о прибытии, а их предшествующий выезд мог вообще не учитываться.",
    },
    related: ["immigration", "circular-migration", "labour-migration", "diaspora"],
    tables: ["T3", "T5_1", "T6_1"],
    indicators: [],
    category: "concept",
  },

  // ── Reasons and kinds of migration ────────────────────────────────────────────────────────────────────────────
  {
    id: "labour-migration",
    term: { en: "Labour migration", ru: "Трудовая миграция" },
    definition: {
      en: "Movement of persons from one country to another for employment. In the region much of it is seasonal or lasts less than a year, for instance to the Russian Federation or Kazakhstan, and so falls outside long-term flow statistics. Work permits, work patents, labour force surveys and remittance data help to measure it.",
      ru: "Перемещение лиц из одной страны в другую с целью трудоустройства. В регионе значительная ее часть носит сезонный характер или длится менее года, например в Российскую Федерацию или Казахстан, и поэтому не попадает в статистику долгосрочных потоков. Для ее измерения используются данные о разрешениях на работу, патентах, обследования рабочей силы и данные о денежных переводах.",
    },
    related: [
      "short-term-migrant",
      "circular-migration",
      "remittances",
      "labour-force-survey",
      "return-migration",
      "irregular-migration",
      "family-reunification",
      "sex-ratio",
    ],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "forced-migration",
    term: { en: "Forced migration", ru: "Вынужденная миграция" },
    definition: {
      en: "Movement in which people are compelled to leave their homes by armed conflict, persecution, violence, disasters or other threats to life and livelihood. It is a descriptive term, not a legal status, and covers refugees, asylum seekers and internally displaced persons. Some countries of the region also have national statuses such as forced migrant for citizens who had to resettle.",
      ru: "Перемещение, при котором люди вынуждены покинуть свои дома вследствие вооруженного конфликта, преследований, насилия, стихийных бедствий или иных угроз жизни и средствам к существованию. Это описательный термин, а не правовой статус; он охватывает беженцев, лиц, ищущих убежища, и внутренне перемещенных лиц. В некоторых странах региона существуют и национальные статусы, например вынужденного переселенца для граждан, которым пришлось сменить место жительства.",
    },
    related: ["refugee", "asylum-seeker", "internally-displaced-person"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "refugee",
    term: { en: "Refugee", ru: "Беженец" },
    definition: {
      en: "A person who is outside the country of his or her nationality because of a well-founded fear of persecution for reasons of race, religion, nationality, membership of a particular social group or political opinion, and cannot or will not seek that country's protection, as set out in the 1951 Convention and its 1967 Protocol. Statistics cover persons recognised by national procedures and persons in a refugee-like situation. Refugees who stay at least a year are long-term migrants and belong in the standard tables.",
      ru: "Лицо, которое находится вне страны своей гражданской принадлежности в силу вполне обоснованных опасений стать жертвой преследований по признаку расы, вероисповедания, гражданства, принадлежности к определенной социальной группе или политических убеждений и не может или не желает пользоваться защитой этой страны (Конвенция 1951 года и Протокол 1967 года). Статистика охватывает лиц, признанных беженцами в национальном порядке, а также лиц в положении, сходном с положением беженцев. Беженцы, пребывающие в стране не менее года, являются долгосрочными мигрантами и должны учитываться в стандартных таблицах.",
    },
    related: ["asylum-seeker", "forced-migration", "internally-displaced-person", "stateless-person"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "asylum-seeker",
    term: { en: "Asylum seeker", ru: "Лицо, ищущее убежища" },
    definition: {
      en: "A person who has applied for international protection in another country and whose application has not yet been finally decided. Not every asylum seeker is eventually recognised as a refugee. Asylum statistics count applications, decisions and pending cases; applicants often do not meet the 12-month rule at the time of counting and may be missing from registration-based flows.",
      ru: "Лицо, обратившееся за международной защитой в другой стране, по заявлению которого еще не принято окончательное решение. Не каждое лицо, ищущее убежища, в итоге признается беженцем. Статистика убежища учитывает заявления, решения и нерассмотренные дела; заявители на момент учета часто не отвечают правилу 12 месяцев и могут не попадать в потоки, основанные на регистрации.",
    },
    related: ["refugee", "forced-migration", "irregular-migration", "internally-displaced-person"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "internally-displaced-person",
    term: { en: "Internally displaced person", ru: "Внутренне перемещенное лицо" },
    definition: {
      en: "A person forced to flee his or her home, in particular by armed conflict, violence, human rights violations or disasters, who has not crossed an internationally recognised state border. Internally displaced persons are not international migrants and do not appear in the standard tables. The term is listed here to keep it apart from refugees, who have crossed a border.",
      ru: "Лицо, вынужденное покинуть свое жилье, в частности вследствие вооруженного конфликта, насилия, нарушений прав человека или бедствий, но не пересекавшее международно признанной государственной границы. Внутренне перемещенные лица не являются международными мигрантами и не отражаются в стандартных таблицах. Термин приведен здесь, чтобы отличать их от беженцев, пересекших границу.",
    },
    related: ["forced-migration", "refugee", "asylum-seeker"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "irregular-migration",
    term: { en: "Irregular migration", ru: "Нерегулярная миграция" },
    definition: {
      en: "Movement or stay that takes place outside the laws of the countries of origin, transit or destination: entry without authorisation, staying after a visa or permit has expired, or working without the right to work. By its nature it is largely absent from registers and permit data, so its size can only be estimated, for example from regularisation campaigns, apprehensions or comparisons of sources. A census or a survey may capture part of it.",
      ru: "Перемещение или пребывание с нарушением законодательства стран происхождения, транзита или назначения: въезд без разрешения, пребывание после истечения срока визы или разрешения, работа без права на трудовую деятельность. По своей природе она почти не отражается в регистрах и данных о разрешениях, поэтому ее масштабы можно лишь оценить, например по итогам кампаний по легализации, по числу задержаний или путем сопоставления источников. Перепись или выборочное обследование могут частично ее охватить.",
    },
    related: ["labour-migration", "asylum-seeker", "residence-permit", "border-statistics"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "family-reunification",
    term: { en: "Family reunification", ru: "Воссоединение семьи" },
    definition: {
      en: "The entry and stay of family members, usually spouses and minor children, who join a relative already living lawfully in the country, or who move together with a migrant. It is one of the most frequent grounds for issuing residence permits. Permit statistics by reason show it; registers and censuses usually do not record the reason for a move.",
      ru: "Въезд и пребывание членов семьи, как правило супругов и несовершеннолетних детей, которые присоединяются к родственнику, уже законно проживающему в стране, или переезжают вместе с мигрантом. Это одно из самых частых оснований для выдачи разрешений на проживание. Оно видно в статистике разрешений по основаниям выдачи; регистры и переписи причину переезда обычно не фиксируют.",
    },
    related: ["residence-permit", "labour-migration", "student-migration"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "student-migration",
    term: { en: "Student migration", ru: "Учебная миграция" },
    definition: {
      en: "Movement of persons to another country for study, mostly at universities and colleges. Students enrolled in programmes of a year or longer meet the 12-month rule and are long-term migrants, while exchange semesters are temporary mobility. Sources are study permits and visas, university enrolment records and registers.",
      ru: "Переезд лиц в другую страну с целью обучения, главным образом в вузах и колледжах. Студенты, обучающиеся по программам продолжительностью год и более, отвечают правилу 12 месяцев и являются долгосрочными мигрантами, а обучение по обмену в течение семестра относится к временной мобильности. Источниками служат разрешения и визы для обучения, данные учебных заведений о контингенте студентов и регистры.",
    },
    related: ["family-reunification", "residence-permit", "long-term-migrant"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "circular-migration",
    term: { en: "Circular migration", ru: "Циркулярная миграция" },
    definition: {
      en: "Repeated movement of the same persons between countries, such as seasonal workers who go abroad every year and come home between seasons. Each stay is often shorter than 12 months, so the person may never be counted as a long-term migrant, or may be counted several times. Measuring it needs data that follow individuals over time, such as linked border records or longitudinal surveys.",
      ru: "Повторяющиеся перемещения одних и тех же лиц между странами, например сезонных работников, ежегодно выезжающих за рубеж и возвращающихся домой между сезонами. Каждое пребывание часто короче 12 месяцев, поэтому такое лицо может ни разу не попасть в число долгосрочных мигрантов или, напротив, быть учтено несколько раз. Для ее измерения нужны данные, прослеживающие одних и тех же людей во времени, например связанные записи о пересечении границы или панельные обследования.",
    },
    related: ["labour-migration", "short-term-migrant", "return-migration", "border-statistics"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "remittances",
    term: { en: "Remittances", ru: "Денежные переводы мигрантов" },
    definition: {
      en: "Money and goods that migrants send to households in their country of origin. Central banks estimate them in the balance of payments as personal transfers and compensation of employees, using money transfer operators and bank records, which miss informal channels. Some countries of the region, such as Tajikistan and Kyrgyzstan, receive remittances equal to a very large share of their GDP.",
      ru: "Денежные средства и товары, которые мигранты направляют домохозяйствам в стране происхождения. Центральные банки оценивают их в платежном балансе как личные трансферты и оплату труда работников на основе данных систем денежных переводов и банков, при этом неформальные каналы остаются неучтенными. Для некоторых стран региона, например Таджикистана и Кыргызстана, объем переводов составляет очень большую долю ВВП.",
    },
    related: ["labour-migration", "diaspora", "household-survey"],
    tables: [],
    indicators: [],
    category: "concept",
  },
  {
    id: "diaspora",
    term: { en: "Diaspora", ru: "Диаспора" },
    definition: {
      en: "People who live outside their country of origin, or that of their ancestors, and keep ties with it. There is no single statistical definition: depending on the purpose it covers emigrants only or also their descendants born abroad. Its size is estimated from the data of destination countries on country of birth, citizenship or ethnicity, and from consular registers.",
      ru: "Лица, проживающие за пределами страны своего происхождения или страны происхождения своих предков и сохраняющие с ней связи. Единого статистического определения нет: в зависимости от цели оно охватывает только эмигрантов или также их потомков, родившихся за рубежом. Численность диаспоры оценивают по данным стран назначения о стране рождения, гражданстве или национальности, а также по данным консульского учета.",
    },
    related: ["remittances", "return-migration", "mirror-statistics"],
    tables: [],
    indicators: [],
    category: "concept",
  },

  // ── Data sources ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: "population-register",
    term: { en: "Population register", ru: "Регистр населения" },
    definition: {
      en: "A continuously updated register of residents in which arrivals, departures, births and deaths are recorded. Strengths: annual flows and stocks for the whole population, with detail by country, age and sex. Weaknesses: it follows registration rules rather than the 12-month rule, and people who leave without deregistering stay on the register, so emigration is under-recorded and the population over-stated.",
      ru: "Постоянно обновляемый регистр жителей, в котором фиксируются прибытие, выбытие, рождения и смерти. Преимущества: ежегодные данные о потоках и численности по всему населению в разрезе стран, возраста и пола. Недостатки: регистр следует правилам регистрации, а не правилу 12 месяцев, а лица, выбывшие без снятия с учета, продолжают в нем числиться, поэтому эмиграция недоучитывается, а численность населения завышается.",
    },
    related: ["administrative-data", "place-of-stay-registration", "population-census", "residence-permit"],
    tables: ["T1_1", "T1_2", "T2_1", "T2_2", ...FLOW_TABLES],
    indicators: [],
    category: "source",
  },
  {
    id: "residence-permit",
    term: { en: "Residence permit", ru: "Разрешение на проживание (вид на жительство)" },
    definition: {
      en: "A document that allows a foreign citizen to live in the country, temporarily or permanently, such as a temporary residence permit or a permanent residence card. Strengths: data by citizenship, reason (work, family, study, protection) and length of validity. Weaknesses: it covers foreigners only, counts documents rather than persons, says nothing about departures, and a valid permit does not prove the holder is still in the country.",
      ru: "Документ, дающий иностранному гражданину право проживать в стране временно или постоянно, например разрешение на временное проживание или вид на жительство. Преимущества: данные по гражданству, основанию выдачи (работа, семья, учеба, защита) и сроку действия. Недостатки: охватываются только иностранцы, учитываются документы, а не лица, выезд не отражается, а действующее разрешение не доказывает, что его владелец все еще находится в стране.",
    },
    related: [
      "administrative-data",
      "population-register",
      "family-reunification",
      "student-migration",
      "irregular-migration",
    ],
    tables: ["T2_2", "T5_2"],
    indicators: [],
    category: "source",
  },
  {
    id: "border-statistics",
    term: { en: "Border statistics", ru: "Статистика пересечения границы" },
    definition: {
      en: "Counts of entries and exits recorded at border crossing points. Strengths: complete and timely counts of crossings by citizenship. Weaknesses: they count crossings, not persons or migrants, the purpose and length of stay are unknown, and open borders between some countries leave gaps. Some countries link the entries and exits of each person to estimate how long people stay, which can approximate the 12-month rule.",
      ru: "Данные о въездах и выездах, зарегистрированных в пунктах пропуска через государственную границу. Преимущества: полный и оперативный учет пересечений границы по гражданству. Недостатки: учитываются пересечения, а не лица и не мигранты, цель и срок пребывания неизвестны, а открытые границы между некоторыми странами создают пробелы. Ряд стран связывает въезды и выезды каждого лица, чтобы оценить продолжительность пребывания, что позволяет приблизиться к правилу 12 месяцев.",
    },
    related: ["administrative-data", "circular-migration", "irregular-migration"],
    tables: ["T3", "T4"],
    indicators: [],
    category: "source",
  },
  {
    id: "population-census",
    term: { en: "Population census", ru: "Перепись населения" },
    definition: {
      en: "A complete count of the population at a given date, with questions on country of birth, citizenship, year of arrival and residence one or five years earlier. Strengths: it covers everyone present, registered or not, and gives consistent stocks of the foreign-born and foreign citizens. Weaknesses: it takes place about every ten years, migrants are often under-counted, emigrants are absent by definition, and flows can only be derived indirectly.",
      ru: "Сплошной учет населения на определенную дату с вопросами о стране рождения, гражданстве, годе прибытия и месте жительства за год или пять лет до переписи. Преимущества: охватывает всех проживающих независимо от регистрации и дает согласованные данные о численности родившихся за рубежом и иностранных граждан. Недостатки: проводится примерно раз в десять лет, мигранты часто недоучитываются, эмигранты по определению не охватываются, а потоки можно получить лишь косвенно.",
    },
    related: ["household-survey", "population-register", "migrant-stock", "break-in-series"],
    tables: STOCK_TABLES,
    indicators: ["foreign-born-share", "foreign-citizen-share"],
    category: "source",
  },
  {
    id: "household-survey",
    term: { en: "Household survey", ru: "Обследование домашних хозяйств" },
    definition: {
      en: "A sample survey of households, which may carry a migration module or be a dedicated migration survey. Strengths: it can ask about reasons, intentions, return, remittances and household members living abroad, which no register records. Weaknesses: migrants are a small and scattered group, so sampling errors are large, sampling frames from old censuses miss newcomers, and absent members are described by others.",
      ru: "Выборочное обследование домашних хозяйств, которое может включать миграционный модуль или быть специальным обследованием миграции. Преимущества: позволяет получить сведения о причинах, намерениях, возвращении, денежных переводах и членах домохозяйства за рубежом, которые не фиксирует ни один регистр. Недостатки: мигранты малочисленны и распределены неравномерно, поэтому ошибки выборки велики; основы выборки, построенные по старой переписи, не охватывают новых жителей, а сведения об отсутствующих членах сообщают другие лица.",
    },
    related: ["labour-force-survey", "population-census", "remittances"],
    tables: [],
    indicators: [],
    category: "source",
  },
  {
    id: "labour-force-survey",
    term: { en: "Labour force survey", ru: "Обследование рабочей силы" },
    definition: {
      en: "A regular household sample survey on employment and unemployment that often records country of birth, citizenship and years of residence. Strengths: it shows the labour market situation of migrants and, where asked, household members working abroad. Weaknesses: samples are too small for detail by country, collective dwellings such as workers' hostels are usually excluded, and short-term migrants fall outside it.",
      ru: "Регулярное выборочное обследование домохозяйств по вопросам занятости и безработицы, в котором часто фиксируются страна рождения, гражданство и продолжительность проживания. Преимущества: показывает положение мигрантов на рынке труда и, если задается соответствующий вопрос, членов домохозяйства, работающих за рубежом. Недостатки: выборка слишком мала для детальных данных по странам, коллективные жилые помещения, например общежития для рабочих, обычно не охватываются, а краткосрочные мигранты в обследование не попадают.",
    },
    related: ["household-survey", "labour-migration"],
    tables: [],
    indicators: [],
    category: "source",
  },
  {
    id: "administrative-data",
    term: { en: "Administrative data", ru: "Административные данные" },
    definition: {
      en: "Records kept by public bodies for their own tasks, such as registration of residence, permits, border control, asylum, citizenship, tax or social security, and reused for statistics. Strengths: they are continuous, cheap to obtain and detailed. Weaknesses: definitions and coverage follow the law rather than statistical concepts, a change in the law creates a break in series, and access depends on agreements between agencies.",
      ru: "Записи, которые государственные органы ведут для выполнения своих функций — регистрационный учет, разрешения, пограничный контроль, убежище, гражданство, налоги или социальное обеспечение — и которые повторно используются для статистики. Преимущества: непрерывность, низкая стоимость получения и детальность. Недостатки: определения и охват следуют законодательству, а не статистическим понятиям, изменение законодательства приводит к разрыву ряда, а доступ зависит от соглашений между ведомствами.",
    },
    related: [
      "population-register",
      "residence-permit",
      "border-statistics",
      "place-of-stay-registration",
      "break-in-series",
    ],
    tables: ["T3", "T4", "T7_1", "T7_2"],
    indicators: [],
    category: "source",
  },

  // ── Comparability ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: "mirror-statistics",
    term: { en: "Mirror statistics", ru: "Зеркальная статистика" },
    definition: {
      en: "The comparison of the same flow as recorded by the two countries involved: country A's immigration from B (table 3, or 5.2 by citizenship) against country B's emigration to A (table 4, or 6.2). In theory the two numbers should be equal; in practice they differ because of different definitions, sources and coverage, and emigration is usually under-recorded. Receiving countries' figures are therefore often used to estimate emigration.",
      ru: "Сопоставление одного и того же потока по данным обеих стран: иммиграции в страну A из страны B (таблица 3 или, по гражданству, 5.2) с эмиграцией из страны B в страну A (таблица 4 или 6.2). Теоретически эти числа должны совпадать, на практике они расходятся из-за различий в определениях, источниках и охвате, причем эмиграция обычно недоучитывается. Поэтому данные стран прибытия часто используют для оценки эмиграции.",
    },
    related: [
      "asymmetry-index",
      "emigration",
      "country-of-previous-residence",
      "country-of-next-residence",
      "partner-country",
      "diaspora",
      "reporting-country",
    ],
    tables: ["T3", "T4", "T5_2", "T6_2"],
    indicators: [],
    category: "concept",
  },
  {
    id: "asymmetry-index",
    term: { en: "Asymmetry index", ru: "Индекс асимметрии" },
    definition: {
      en: "A measure of disagreement between mirror statistics: AI = (I − E) / (I + E), where I is the immigration to country A from B recorded by A and E is the emigration from B to A recorded by B. It ranges from −1 to +1: 0 means full agreement, a positive value means the receiving country records more, and +1 means the sending country records no emigration to that partner at all. It is undefined when both numbers are zero.",
      ru: "Показатель расхождения зеркальной статистики: ИА = (I − E) / (I + E), где I — иммиграция в страну A из страны B по данным страны A, E — эмиграция из страны B в страну A по данным страны B. Индекс принимает значения от −1 до +1: 0 означает полное совпадение, положительное значение — что страна прибытия учитывает больше, а +1 — что страна выбытия вообще не учитывает эмиграцию в эту страну. Если оба числа равны нулю, индекс не определен.",
    },
    related: ["mirror-statistics", "partner-country"],
    tables: ["T3", "T4", "T5_2", "T6_2"],
    indicators: [],
    category: "indicator",
  },
  {
    id: "break-in-series",
    term: { en: "Break in series", ru: "Разрыв ряда" },
    definition: {
      en: "A change in definitions, sources, methods, coverage or territory that makes values before and after it not directly comparable. Examples are the switch to the 9-month criterion in the Russian Federation in 2011 and the revision of population figures after a census. In the tables such a value carries the flag b, and the metadata explains the change.",
      ru: "Изменение определений, источников, методов, охвата или территории, из-за которого значения до и после него нельзя непосредственно сравнивать. Примерами служат переход Российской Федерации к критерию 9 месяцев в 2011 году и пересчет численности населения после переписи. В таблицах такое значение помечается признаком b, а в метаданных поясняется суть изменения.",
    },
    related: ["nine-month-practice", "administrative-data", "population-census", "provisional", "estimated"],
    tables: [],
    indicators: [],
    category: "classification",
  },
  {
    id: "mean-population",
    term: { en: "Mean population", ru: "Среднегодовая численность населения" },
    definition: {
      en: "The average number of residents during a year, used as the denominator of crude rates. Here it is approximated as the mean of the population at the start and at the end of the year: P = (P₁ + P₂) / 2, where P₁ is the total of table 1.1 on 1 January of the year and P₂ the total on 1 January of the next year. When only one of them exists the rates cannot be computed.",
      ru: "Среднее число жителей в течение года, используемое в качестве знаменателя общих коэффициентов. Здесь она рассчитывается как среднее из численности на начало и на конец года: P = (P₁ + P₂) / 2, где P₁ — итог таблицы 1.1 на 1 января данного года, P₂ — на 1 января следующего года. Если известна только одна из этих величин, коэффициенты не рассчитываются.",
    },
    related: ["immigration-rate", "emigration-rate", "net-migration-rate"],
    tables: ["T1_1"],
    indicators: RATES,
    category: "indicator",
  },

  // ── Derived indicators ────────────────────────────────────────────────────────────────────────────────────────
  {
    id: "net-migration",
    term: { en: "Net migration", ru: "Сальдо миграции" },
    definition: {
      en: "The difference between immigration and emigration in a year: NM = I − E, computed here as the total of table 3 minus the total of table 4. A positive value is a net gain of population through migration, a negative value a net loss. Because emigration is often under-recorded, net migration computed from recorded flows tends to be too high.",
      ru: "Разность между иммиграцией и эмиграцией за год: СМ = I − E; здесь рассчитывается как итог таблицы 3 минус итог таблицы 4. Положительное значение означает прирост населения за счет миграции, отрицательное — убыль. Поскольку эмиграция часто недоучитывается, сальдо, рассчитанное по зарегистрированным потокам, как правило, завышено.",
    },
    related: ["immigration", "emigration", "net-migration-rate", "migration-flow"],
    tables: ["T3", "T4"],
    indicators: ["net-migration", "net-migration-rate"],
    category: "indicator",
  },
  {
    id: "immigration-rate",
    term: { en: "Crude immigration rate", ru: "Общий коэффициент иммиграции" },
    definition: {
      en: "The number of long-term immigrants in a year per 1,000 of the mean population: CIR = I / P × 1000, where I is the total of table 3 and P the mean population from table 1.1. It makes immigration comparable between countries of different size.",
      ru: "Число долгосрочных иммигрантов за год в расчете на 1000 человек среднегодового населения: ОКИ = I / P × 1000, где I — итог таблицы 3, P — среднегодовая численность населения по таблице 1.1. Коэффициент позволяет сравнивать иммиграцию в странах с разной численностью населения.",
    },
    related: ["immigration", "mean-population", "emigration-rate", "net-migration-rate"],
    tables: ["T1_1", "T3"],
    indicators: ["immigration-rate"],
    category: "indicator",
  },
  {
    id: "emigration-rate",
    term: { en: "Crude emigration rate", ru: "Общий коэффициент эмиграции" },
    definition: {
      en: "The number of long-term emigrants in a year per 1,000 of the mean population: CER = E / P × 1000, where E is the total of table 4 and P the mean population from table 1.1. It shares the under-recording of emigration, so mirror statistics are worth checking next to it.",
      ru: "Число долгосрочных эмигрантов за год в расчете на 1000 человек среднегодового населения: ОКЭ = E / P × 1000, где E — итог таблицы 4, P — среднегодовая численность населения по таблице 1.1. Коэффициент наследует недоучет эмиграции, поэтому рядом с ним полезно смотреть зеркальную статистику.",
    },
    related: ["emigration", "mean-population", "immigration-rate", "net-migration-rate"],
    tables: ["T1_1", "T4"],
    indicators: ["emigration-rate"],
    category: "indicator",
  },
  {
    id: "net-migration-rate",
    term: { en: "Crude net migration rate", ru: "Коэффициент сальдо миграции" },
    definition: {
      en: "Net migration in a year per 1,000 of the mean population: CNMR = (I − E) / P × 1000, which equals the crude immigration rate minus the crude emigration rate. I and E are the totals of tables 3 and 4, P the mean population from table 1.1.",
      ru: "Сальдо миграции за год в расчете на 1000 человек среднегодового населения: КСМ = (I − E) / P × 1000, что равно разности общих коэффициентов иммиграции и эмиграции. I и E — итоги таблиц 3 и 4, P — среднегодовая численность населения по таблице 1.1.",
    },
    related: ["net-migration", "immigration-rate", "emigration-rate", "mean-population"],
    tables: ["T1_1", "T3", "T4"],
    indicators: ["net-migration-rate"],
    category: "indicator",
  },
  {
    id: "foreign-born-share",
    term: { en: "Foreign-born share", ru: "Доля родившихся за рубежом" },
    definition: {
      en: "The foreign-born as a percentage of the total population: FB% = FOR / Total × 100, both taken from table 1.1 on the same date. Persons with unknown place of birth stay in the denominator, so a large unknown group lowers the share.",
      ru: "Доля родившихся за рубежом в общей численности населения, в процентах: ДРЗ = FOR / Всего × 100, обе величины берутся из таблицы 1.1 на одну и ту же дату. Лица с неизвестным местом рождения остаются в знаменателе, поэтому большая группа «неизвестно» занижает долю.",
    },
    related: ["foreign-born", "migrant-stock", "foreign-citizen-share"],
    tables: ["T1_1"],
    indicators: ["foreign-born-share"],
    category: "indicator",
  },
  {
    id: "foreign-citizen-share",
    term: { en: "Foreign-citizen share", ru: "Доля иностранных граждан" },
    definition: {
      en: "Foreign citizens as a percentage of the total population: FC% = FOR / Total × 100, both from table 2.1 on the same date. Stateless persons are not in the numerator. Comparing it with the foreign-born share shows how far migrants have become citizens.",
      ru: "Доля иностранных граждан в общей численности населения, в процентах: ДИГ = FOR / Всего × 100, обе величины берутся из таблицы 2.1 на одну и ту же дату. Лица без гражданства в числитель не включаются. Сравнение с долей родившихся за рубежом показывает, в какой мере мигранты стали гражданами страны.",
    },
    related: ["foreign-citizen", "migrant-stock", "foreign-born-share", "naturalisation-rate"],
    tables: ["T2_1"],
    indicators: ["foreign-citizen-share"],
    category: "indicator",
  },
  {
    id: "naturalisation-rate",
    term: { en: "Naturalisation rate", ru: "Коэффициент натурализации" },
    definition: {
      en: "Acquisitions of citizenship in a year as a percentage of the foreign citizens living in the country at the start of that year: NR = A / F × 100, where A is the total of table 7.1 for the year and F is FOR in table 2.1 on 1 January. The numerator also counts former stateless persons, who are not in the denominator, which slightly overstates the rate where statelessness is common.",
      ru: "Число случаев приобретения гражданства за год в процентах к численности иностранных граждан, проживавших в стране на начало года: КН = A / F × 100, где A — итог таблицы 7.1 за год, F — значение FOR таблицы 2.1 на 1 января. В числитель входят и бывшие лица без гражданства, которых нет в знаменателе, поэтому там, где безгражданство распространено, коэффициент несколько завышен.",
    },
    related: ["acquisition-of-citizenship", "foreign-citizen", "stateless-person", "foreign-citizen-share"],
    tables: ["T2_1", "T7_1"],
    indicators: ["naturalisation-rate"],
    category: "indicator",
  },
  {
    id: "sex-ratio",
    term: { en: "Sex ratio", ru: "Соотношение полов" },
    definition: {
      en: "The number of men per 100 women in a group: SR = M / F × 100. It can be computed for any standard table because all of them are broken down by sex. Labour migration flows are often dominated by men, while some stocks, such as older foreign-born populations, have more women.",
      ru: "Число мужчин на 100 женщин в группе: СП = M / F × 100. Его можно рассчитать для любой стандартной таблицы, поскольку все они содержат распределение по полу. В потоках трудовой миграции часто преобладают мужчины, а в некоторых контингентах, например среди пожилых лиц, родившихся за рубежом, больше женщин.",
    },
    related: ["labour-migration"],
    tables: GLOSSARY_TABLE_IDS,
    indicators: ["sex-ratio"],
    category: "indicator",
  },
  {
    id: "top-five-partners-share",
    term: { en: "Share of the five largest partner countries", ru: "Доля пяти крупнейших стран-партнеров" },
    definition: {
      en: "The share of the five partner countries with the largest values in the total of a partner-country table: S5 = (x₁ + … + x₅) / Total × 100, where x₁ … x₅ are the five largest country values. Other countries and unknown are not ranked. It shows how concentrated migration is on a few corridors.",
      ru: "Доля пяти стран-партнеров с наибольшими значениями в итоге таблицы по странам-партнерам: Д5 = (x₁ + … + x₅) / Всего × 100, где x₁ … x₅ — пять наибольших значений по странам. Категории «другие страны» и «неизвестно» в ранжировании не участвуют. Показатель отражает, насколько миграция сосредоточена на нескольких направлениях.",
    },
    related: ["partner-country", "country-of-birth", "country-of-citizenship"],
    tables: PARTNER_TABLES,
    indicators: ["top-five-partners-share"],
    category: "indicator",
  },

  // ── Classifications ───────────────────────────────────────────────────────────────────────────────────────────
  {
    id: "reporting-country",
    term: { en: "Reporting country", ru: "Страна, представившая данные" },
    definition: {
      en: "The participating country whose national statistics fill a slice of a standard table. Every table has the reporting country as a dimension, so countries can be compared in one selection. Its metadata state the source, the definition of a long-term migrant actually used and any deviations from the recommendations.",
      ru: "Страна-участница, национальные данные которой заполняют соответствующую часть стандартной таблицы. Каждая таблица содержит страну, представившую данные, в качестве измерения, что позволяет сравнивать страны в одной выборке. В ее метаданных указываются источник, фактически применяемое определение долгосрочного мигранта и отступления от рекомендаций.",
    },
    related: ["partner-country", "mirror-statistics"],
    tables: GLOSSARY_TABLE_IDS,
    indicators: [],
    category: "classification",
  },
  {
    id: "partner-country",
    term: { en: "Partner country", ru: "Страна-партнер" },
    definition: {
      en: "The other country in a breakdown by country: country of birth, of citizenship, of previous or next residence, or of previous citizenship. All these variables use one code list of ISO 3166-1 countries plus Total, Other countries and Unknown. A country that reports only some partners puts the rest in Other countries.",
      ru: "Другая страна в распределении по странам: страна рождения, гражданства, предыдущего или последующего проживания либо предыдущего гражданства. Все эти признаки используют единый перечень стран ISO 3166-1, дополненный категориями «всего», «другие страны» и «неизвестно». Страна, представляющая данные лишь по части стран-партнеров, относит остальные к категории «другие страны».",
    },
    related: [
      "reporting-country",
      "country-of-birth",
      "country-of-citizenship",
      "country-of-previous-residence",
      "country-of-next-residence",
      "country-of-previous-citizenship",
      "mirror-statistics",
      "asymmetry-index",
      "top-five-partners-share",
    ],
    tables: PARTNER_TABLES,
    indicators: ["top-five-partners-share"],
    category: "classification",
  },
  {
    id: "country-of-citizenship",
    term: { en: "Country of citizenship", ru: "Страна гражданства" },
    definition: {
      en: "The state whose citizenship a person holds, used to break down foreign citizens in table 2.2 and long-term migrants in tables 5.2 and 6.2. Persons with two foreign citizenships are assigned to one country by a stated rule. Stateless persons have no country of citizenship.",
      ru: "Государство, гражданство которого имеет лицо; по этому признаку распределены иностранные граждане в таблице 2.2 и долгосрочные мигранты в таблицах 5.2 и 6.2. Лица с двумя иностранными гражданствами относятся к одной стране по установленному правилу. У лиц без гражданства страны гражданства нет.",
    },
    related: ["citizenship", "foreign-citizen", "dual-citizenship", "partner-country", "top-five-partners-share"],
    tables: ["T2_2", "T5_2", "T6_2"],
    indicators: ["top-five-partners-share"],
    category: "classification",
  },
  {
    id: "country-of-previous-citizenship",
    term: { en: "Country of previous citizenship", ru: "Страна предыдущего гражданства" },
    definition: {
      en: "For a person who acquired the citizenship of the reporting country, the state whose citizen he or she was before. Table 7.2 breaks acquisitions down by this variable; former stateless persons are counted in table 7.1 and have no previous country. Where the person keeps the previous citizenship, it is still recorded here.",
      ru: "Для лица, приобретшего гражданство страны, представившей данные, — государство, гражданином которого оно являлось ранее. По этому признаку распределены случаи приобретения гражданства в таблице 7.2; бывшие лица без гражданства учитываются в таблице 7.1 и предыдущей страны гражданства не имеют. Если лицо сохраняет прежнее гражданство, оно все равно указывается здесь.",
    },
    related: ["acquisition-of-citizenship", "partner-country"],
    tables: ["T7_2"],
    indicators: ["top-five-partners-share"],
    category: "classification",
  },
  {
    id: "citizenship-status",
    term: { en: "Citizenship status", ru: "Статус гражданства" },
    definition: {
      en: "A classification of persons as citizens of the reporting country, foreign citizens, stateless persons or unknown. Tables 2.1, 5.1 and 6.1 use it for the population and for long-term migrants; table 7.1 uses the status held before acquiring citizenship. It distinguishes the return of citizens from the immigration of foreigners.",
      ru: "Распределение лиц на граждан страны, представившей данные, иностранных граждан, лиц без гражданства и лиц с неизвестным статусом. Таблицы 2.1, 5.1 и 6.1 используют его для населения и долгосрочных мигрантов, таблица 7.1 — для статуса, который лицо имело до приобретения гражданства. Этот признак позволяет отличить возвращение граждан от иммиграции иностранцев.",
    },
    related: ["citizenship", "stateless-person"],
    tables: CITSTATUS_TABLES,
    indicators: ["foreign-citizen-share", "naturalisation-rate"],
    category: "classification",
  },

  // ── Cell statuses and flags ───────────────────────────────────────────────────────────────────────────────────
  {
    id: "provisional",
    term: { en: "Provisional data", ru: "Предварительные данные" },
    definition: {
      en: "Figures published before all records are in or before processing is complete, and expected to be revised. Migration flows are often provisional at first because the 12-month rule can only be confirmed a year after the move. In the tables such a value carries the flag p.",
      ru: "Данные, опубликованные до поступления всех сведений или до завершения обработки и подлежащие пересмотру. Миграционные потоки часто вначале публикуются как предварительные, поскольку соблюдение правила 12 месяцев можно подтвердить лишь через год после переезда. В таблицах такое значение помечается признаком p.",
    },
    related: ["estimated", "twelve-month-rule", "break-in-series", "not-available"],
    tables: [],
    indicators: [],
    category: "classification",
  },
  {
    id: "estimated",
    term: { en: "Estimated data", ru: "Оценочные данные" },
    definition: {
      en: "A figure that was not observed directly but calculated by a model, by imputation or from other sources, for example emigration estimated from partner countries' immigration. The method should be described in the metadata. In the tables such a value carries the flag e.",
      ru: "Значение, полученное не путем непосредственного наблюдения, а расчетом по модели, методом импутации или на основе других источников, например эмиграция, оцененная по данным стран-партнеров об иммиграции. Метод оценки следует описать в метаданных. В таблицах такое значение помечается признаком e.",
    },
    related: ["provisional", "break-in-series", "not-available"],
    tables: [],
    indicators: [],
    category: "classification",
  },
  {
    id: "not-available",
    term: { en: "Not available", ru: "Нет данных" },
    definition: {
      en: "A cell status meaning that no figure exists, because the country does not collect it, did not report it or the breakdown is not produced. It is shown as two dots and is different from a true zero. Derived indicators that need such a cell are not computed.",
      ru: "Статус ячейки, означающий, что значение отсутствует: страна его не собирает, не представила или не разрабатывает соответствующую группировку. Обозначается двумя точками и отличается от действительного нуля. Производные показатели, для расчета которых нужна такая ячейка, не рассчитываются.",
    },
    related: ["nil", "confidential", "provisional", "estimated"],
    tables: [],
    indicators: [],
    category: "classification",
  },
  {
    id: "nil",
    term: { en: "Nil", ru: "Явление отсутствует" },
    definition: {
      en: "A cell status meaning that the phenomenon did not occur and the magnitude is zero, shown as a dash. It is a known zero, unlike not available. It counts as zero in totals and indicators.",
      ru: "Статус ячейки, означающий, что явление не имело места и его величина равна нулю; обозначается прочерком. Это достоверно известный ноль, в отличие от отсутствия данных. В итогах и показателях учитывается как ноль.",
    },
    related: ["not-available", "confidential"],
    tables: [],
    indicators: [],
    category: "classification",
  },
  {
    id: "confidential",
    term: { en: "Confidential", ru: "Конфиденциальные данные" },
    definition: {
      en: "A cell status meaning that the figure exists but is withheld to protect individuals or respondents, usually because it is very small. It is shown as x. Totals may still include the value, so a total can be larger than the sum of the cells that are visible.",
      ru: "Статус ячейки, означающий, что значение существует, но не публикуется в целях защиты персональных данных или респондентов, как правило из-за его малой величины. Обозначается знаком x. Итоги могут включать это значение, поэтому итог может быть больше суммы видимых ячеек.",
    },
    related: ["not-available", "nil"],
    tables: [],
    indicators: [],
    category: "classification",
  },
];

/** Every term with the source it cites; a term without one in `GLOSSARY_SOURCES` is refused here, at load. */
export const GLOSSARY_TERMS: readonly GlossaryTerm[] = TERMS.map((t) => {
  const source = GLOSSARY_SOURCES[t.id];
  if (!source) throw new Error(`glossary term "${t.id}" cites no source: add it to GLOSSARY_SOURCES`);
  return { ...t, source };
});
