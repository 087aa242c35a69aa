/**
 * The first entries of the inventory: publicly known institutions of the region and international organisations
 * working on migration. Only facts taken as certain are filled in — names, the city, the website — and a field is
 * left empty rather than guessed (street addresses, e-mail addresses and telephone numbers are left to the
 * secretariat). Institutional contacts only, never a person's. Summaries are neutral descriptions written for
 * the inventory. Points are the approximate centres of the cities (cities.ts).
 *
 * Not verified: every entry has verified_at null until the secretariat has checked it (names and websites of
 * public bodies change with reorganisations).
 */

import type { InstitutionFields } from "../interchange.ts";
import type { CategoryId, TopicId } from "../vocabulary.ts";
import { CITIES, type CityKey } from "./cities.ts";

interface SeedEntry {
  readonly id: string;
  readonly name: { readonly en: string; readonly ru: string };
  /** The name in the institution's own language and that language's code. */
  readonly original?: { readonly name: string; readonly language: string };
  readonly acronym?: string;
  readonly category: CategoryId;
  readonly city?: CityKey;
  /** Where it is, when no city is given. */
  readonly country?: string;
  /** Where it works; by default the country where it is, for national bodies. */
  readonly activity?: readonly string[];
  readonly website?: string;
  /** The public page the facts come from, when it is not the website itself. */
  readonly source?: string;
  readonly summary: { readonly en: string; readonly ru: string };
  readonly topics: readonly TopicId[];
  readonly languages?: readonly string[];
}

/** The twelve countries of Eastern Europe, the Caucasus and Central Asia the clearinghouse serves or may serve. */
const REGION = ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"];

const NATIONAL_STATISTICS: readonly SeedEntry[] = [
  {
    id: "armstat",
    name: { en: "Statistical Committee of the Republic of Armenia", ru: "Статистический комитет Республики Армения" },
    original: { name: "Հայաստանի Հանրապետության վիճակագրական կոմիտե", language: "hy" },
    acronym: "Armstat",
    category: "government",
    city: "yerevan",
    website: "https://armstat.am",
    summary: {
      en: "The national statistical office of Armenia. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Армении. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["hy"],
  },
  {
    id: "azstat",
    name: {
      en: "State Statistical Committee of the Republic of Azerbaijan",
      ru: "Государственный комитет по статистике Азербайджанской Республики",
    },
    original: { name: "Azərbaycan Respublikasının Dövlət Statistika Komitəsi", language: "az" },
    category: "government",
    city: "baku",
    website: "https://www.stat.gov.az",
    summary: {
      en: "The national statistical office of Azerbaijan. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Азербайджана. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["az"],
  },
  {
    id: "belstat",
    name: {
      en: "National Statistical Committee of the Republic of Belarus",
      ru: "Национальный статистический комитет Республики Беларусь",
    },
    original: { name: "Нацыянальны статыстычны камітэт Рэспублікі Беларусь", language: "be" },
    acronym: "Belstat",
    category: "government",
    city: "minsk",
    website: "https://www.belstat.gov.by",
    summary: {
      en: "The national statistical office of Belarus. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Беларуси. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["be", "ru"],
  },
  {
    id: "geostat",
    name: { en: "National Statistics Office of Georgia", ru: "Национальная служба статистики Грузии" },
    original: { name: "საქართველოს სტატისტიკის ეროვნული სამსახური", language: "ka" },
    acronym: "Geostat",
    category: "government",
    city: "tbilisi",
    website: "https://www.geostat.ge",
    summary: {
      en: "The national statistical office of Georgia. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Грузии. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["ka"],
  },
  {
    id: "stat-kz",
    name: {
      en: "Bureau of National Statistics of the Agency for Strategic Planning and Reforms of the Republic of Kazakhstan",
      ru: "Бюро национальной статистики Агентства по стратегическому планированию и реформам Республики Казахстан",
    },
    category: "government",
    city: "astana",
    website: "https://stat.gov.kz",
    summary: {
      en: "The national statistical office of Kazakhstan. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Казахстана. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["kk", "ru"],
  },
  {
    id: "stat-kg",
    name: {
      en: "National Statistical Committee of the Kyrgyz Republic",
      ru: "Национальный статистический комитет Кыргызской Республики",
    },
    original: { name: "Кыргыз Республикасынын Улуттук статистикалык комитети", language: "ky" },
    category: "government",
    city: "bishkek",
    website: "https://www.stat.gov.kg",
    summary: {
      en: "The national statistical office of Kyrgyzstan. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Кыргызстана. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["ky", "ru"],
  },
  {
    id: "stat-md",
    name: {
      en: "National Bureau of Statistics of the Republic of Moldova",
      ru: "Национальное бюро статистики Республики Молдова",
    },
    original: { name: "Biroul Național de Statistică al Republicii Moldova", language: "ro" },
    category: "government",
    city: "chisinau",
    website: "https://statistica.gov.md",
    summary: {
      en: "The national statistical office of the Republic of Moldova. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Республики Молдова. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["ro"],
  },
  {
    id: "rosstat",
    name: { en: "Federal State Statistics Service", ru: "Федеральная служба государственной статистики" },
    original: { name: "Федеральная служба государственной статистики", language: "ru" },
    acronym: "Rosstat",
    category: "government",
    city: "moscow",
    website: "https://rosstat.gov.ru",
    summary: {
      en: "The national statistical office of the Russian Federation. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Росстат — национальный статистический орган Российской Федерации. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["ru"],
  },
  {
    id: "stat-tj",
    name: {
      en: "Agency on Statistics under the President of the Republic of Tajikistan",
      ru: "Агентство по статистике при Президенте Республики Таджикистан",
    },
    category: "government",
    city: "dushanbe",
    website: "https://www.stat.tj",
    summary: {
      en: "The national statistical office of Tajikistan. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Таджикистана. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["tg"],
  },
  {
    id: "ukrstat",
    name: { en: "State Statistics Service of Ukraine", ru: "Государственная служба статистики Украины" },
    original: { name: "Державна служба статистики України", language: "uk" },
    category: "government",
    city: "kyiv",
    website: "https://www.ukrstat.gov.ua",
    summary: {
      en: "The national statistical office of Ukraine. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Украины. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["uk"],
  },
  {
    id: "stat-uz",
    name: {
      en: "National Statistics Committee of the Republic of Uzbekistan",
      ru: "Национальный комитет Республики Узбекистан по статистике",
    },
    category: "government",
    city: "tashkent",
    website: "https://stat.uz",
    summary: {
      en: "The national statistical office of Uzbekistan. Produces and publishes the country's official statistics, including demographic and migration statistics.",
      ru: "Национальный статистический орган Узбекистана. Производит и публикует официальную статистику страны, в том числе демографическую статистику и статистику миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["uz"],
  },
  {
    id: "stat-tm",
    name: {
      en: "State Committee of Turkmenistan on Statistics",
      ru: "Государственный комитет Туркменистана по статистике",
    },
    category: "government",
    city: "ashgabat",
    website: "https://www.stat.gov.tm",
    summary: {
      en: "The national statistical office of Turkmenistan. Produces and publishes the country's official statistics, including demographic statistics.",
      ru: "Национальный статистический орган Туркменистана. Производит и публикует официальную статистику страны, в том числе демографическую статистику.",
    },
    topics: ["statistics", "data"],
    languages: ["tk"],
  },
];

const MIGRATION_BODIES: readonly SeedEntry[] = [
  {
    id: "dmsu",
    name: { en: "State Migration Service of Ukraine", ru: "Государственная миграционная служба Украины" },
    original: { name: "Державна міграційна служба України", language: "uk" },
    category: "government",
    city: "kyiv",
    website: "https://dmsu.gov.ua",
    summary: {
      en: "Central government body of Ukraine responsible for migration, citizenship and identity documents, and for asylum: refugee status and complementary protection.",
      ru: "Центральный орган исполнительной власти Украины, ответственный за вопросы миграции, гражданства и документов, удостоверяющих личность, а также за предоставление убежища: статуса беженца и дополнительной защиты.",
    },
    topics: ["policy", "asylum-refugees"],
    languages: ["uk"],
  },
  {
    id: "migration-az",
    name: {
      en: "State Migration Service of the Republic of Azerbaijan",
      ru: "Государственная миграционная служба Азербайджанской Республики",
    },
    original: { name: "Azərbaycan Respublikasının Dövlət Miqrasiya Xidməti", language: "az" },
    category: "government",
    city: "baku",
    website: "https://migration.gov.az",
    summary: {
      en: "Government body of Azerbaijan responsible for migration management, including residence and work permits for foreign nationals.",
      ru: "Государственный орган Азербайджана, ответственный за управление миграцией, в том числе за разрешения на проживание и на работу для иностранных граждан.",
    },
    topics: ["policy", "labour-migration"],
    languages: ["az"],
  },
  {
    id: "scmi-ge",
    name: {
      en: "State Commission on Migration Issues of Georgia",
      ru: "Государственная комиссия по вопросам миграции Грузии",
    },
    acronym: "SCMI",
    category: "government",
    city: "tbilisi",
    website: "https://migration.commission.ge",
    summary: {
      en: "Government commission of Georgia that coordinates migration policy among the state bodies concerned.",
      ru: "Правительственная комиссия Грузии, координирующая миграционную политику между заинтересованными государственными органами.",
    },
    topics: ["policy"],
    languages: ["ka"],
  },
  {
    id: "guvm-mvd-ru",
    name: {
      en: "Main Directorate for Migration Affairs of the Ministry of Internal Affairs of the Russian Federation",
      ru: "Главное управление по вопросам миграции Министерства внутренних дел Российской Федерации",
    },
    original: {
      name: "Главное управление по вопросам миграции Министерства внутренних дел Российской Федерации",
      language: "ru",
    },
    acronym: "GUVM",
    category: "government",
    city: "moscow",
    website: "https://мвд.рф",
    summary: {
      en: "Directorate of the Russian Ministry of Internal Affairs responsible for the registration of foreign citizens, their residence and work documents, and citizenship matters. It took over the functions of the Federal Migration Service, abolished in 2016.",
      ru: "ГУВМ МВД России — подразделение Министерства внутренних дел, ответственное за миграционный учёт иностранных граждан, документы на проживание и работу, а также за вопросы гражданства. Приняло функции Федеральной миграционной службы, упразднённой в 2016 году.",
    },
    topics: ["policy", "labour-migration"],
    languages: ["ru"],
  },
  {
    id: "dgm-mvd-by",
    name: {
      en: "Department of Citizenship and Migration of the Ministry of Internal Affairs of the Republic of Belarus",
      ru: "Департамент по гражданству и миграции Министерства внутренних дел Республики Беларусь",
    },
    original: {
      name: "Департамент по гражданству и миграции Министерства внутренних дел Республики Беларусь",
      language: "ru",
    },
    category: "government",
    city: "minsk",
    website: "https://mvd.gov.by",
    summary: {
      en: "Department of the Belarusian Ministry of Internal Affairs responsible for citizenship, the stay of foreign citizens and asylum matters.",
      ru: "Департамент Министерства внутренних дел Беларуси, ответственный за вопросы гражданства, пребывания иностранных граждан и предоставления убежища.",
    },
    topics: ["policy", "asylum-refugees"],
    languages: ["be", "ru"],
  },
  {
    id: "mlme-tj",
    name: {
      en: "Ministry of Labour, Migration and Employment of Population of the Republic of Tajikistan",
      ru: "Министерство труда, миграции и занятости населения Республики Таджикистан",
    },
    category: "government",
    city: "dushanbe",
    summary: {
      en: "Ministry of Tajikistan responsible for labour, employment and labour migration policy, including support to citizens working abroad.",
      ru: "Министерство Таджикистана, ответственное за политику в области труда, занятости и трудовой миграции, в том числе за поддержку граждан, работающих за рубежом.",
    },
    topics: ["labour-migration", "policy"],
    languages: ["tg"],
  },
  {
    id: "mlssm-kg",
    name: {
      en: "Ministry of Labour, Social Security and Migration of the Kyrgyz Republic",
      ru: "Министерство труда, социального обеспечения и миграции Кыргызской Республики",
    },
    category: "government",
    city: "bishkek",
    summary: {
      en: "Ministry of Kyrgyzstan responsible for labour, social security and migration policy, including labour migration of citizens abroad.",
      ru: "Министерство Кыргызстана, ответственное за политику в области труда, социального обеспечения и миграции, в том числе трудовой миграции граждан за рубеж.",
    },
    topics: ["labour-migration", "policy"],
    languages: ["ky", "ru"],
  },
  {
    id: "kms-mvd-kz",
    name: {
      en: "Migration Service Committee of the Ministry of Internal Affairs of the Republic of Kazakhstan",
      ru: "Комитет миграционной службы Министерства внутренних дел Республики Казахстан",
    },
    category: "government",
    city: "astana",
    summary: {
      en: "Committee of the Kazakh Ministry of Internal Affairs responsible for the registration and stay of foreign citizens and for other migration matters.",
      ru: "Комитет Министерства внутренних дел Казахстана, ответственный за регистрацию и пребывание иностранных граждан и другие вопросы миграции.",
    },
    topics: ["policy"],
    languages: ["kk", "ru"],
  },
];

/** IOM's country offices in the region: the same description, each in its capital (Kazakhstan's: see below). */
const IOM_OFFICES: readonly {
  code: string;
  city?: CityKey;
  host: string;
  en: string;
  ru: string;
}[] = [
  { code: "ARM", city: "yerevan", host: "armenia", en: "Armenia", ru: "Армении" },
  { code: "AZE", city: "baku", host: "azerbaijan", en: "Azerbaijan", ru: "Азербайджане" },
  { code: "BLR", city: "minsk", host: "belarus", en: "Belarus", ru: "Беларуси" },
  { code: "GEO", city: "tbilisi", host: "georgia", en: "Georgia", ru: "Грузии" },
  // The city of the office in Kazakhstan is left to the secretariat (Astana or Almaty).
  { code: "KAZ", host: "kazakhstan", en: "Kazakhstan", ru: "Казахстане" },
  { code: "KGZ", city: "bishkek", host: "kyrgyzstan", en: "Kyrgyzstan", ru: "Кыргызстане" },
  { code: "MDA", city: "chisinau", host: "moldova", en: "the Republic of Moldova", ru: "Республике Молдова" },
  { code: "RUS", city: "moscow", host: "russia", en: "the Russian Federation", ru: "Российской Федерации" },
  { code: "TJK", city: "dushanbe", host: "tajikistan", en: "Tajikistan", ru: "Таджикистане" },
  { code: "TKM", city: "ashgabat", host: "turkmenistan", en: "Turkmenistan", ru: "Туркменистане" },
  { code: "UKR", city: "kyiv", host: "ukraine", en: "Ukraine", ru: "Украине" },
  { code: "UZB", city: "tashkent", host: "uzbekistan", en: "Uzbekistan", ru: "Узбекистане" },
];

const IOM: readonly SeedEntry[] = [
  {
    id: "iom",
    name: { en: "International Organization for Migration", ru: "Международная организация по миграции" },
    acronym: "IOM",
    category: "international",
    city: "geneva",
    activity: REGION,
    website: "https://www.iom.int",
    summary: {
      en: "The United Nations agency for migration, headquartered in Geneva. Works with governments and partners on migration management, assistance to migrants, and migration data.",
      ru: "МОМ — агентство ООН по вопросам миграции со штаб-квартирой в Женеве. Работает с правительствами и партнёрами в области управления миграцией, помощи мигрантам и данных о миграции.",
    },
    topics: ["labour-migration", "return-reintegration", "trafficking", "policy", "border-management", "data"],
    languages: ["en", "fr", "es"],
  },
  ...IOM_OFFICES.map(
    (o): SeedEntry => ({
      id: `iom-${o.host}`,
      name: {
        en: `International Organization for Migration, office in ${o.en.replace(/^the /, "")}`,
        ru: `Представительство Международной организации по миграции в ${o.ru}`,
      },
      acronym: "IOM",
      category: "international",
      ...(o.city ? { city: o.city } : { country: o.code }),
      activity: [o.code],
      website: `https://${o.host}.iom.int`,
      summary: {
        en: `Country office of IOM in ${o.en}. Supports the government and partners in migration management and assists migrants.`,
        ru: `Представительство МОМ в ${o.ru}. Содействует правительству и партнёрам в управлении миграцией и оказывает помощь мигрантам.`,
      },
      topics: ["labour-migration", "return-reintegration", "trafficking", "policy"],
      languages: ["en"],
    }),
  ),
  {
    id: "iom-ro-vienna",
    name: {
      en: "IOM Regional Office for South-Eastern Europe, Eastern Europe and Central Asia",
      ru: "Региональное бюро МОМ для Юго-Восточной Европы, Восточной Европы и Центральной Азии",
    },
    acronym: "IOM",
    category: "international",
    city: "vienna",
    activity: [...REGION, "ALB", "BIH", "MKD", "MNE", "SRB"],
    website: "https://rovienna.iom.int",
    summary: {
      en: "IOM's regional office in Vienna, which supports and coordinates its country offices in South-Eastern Europe, Eastern Europe and Central Asia.",
      ru: "Региональное бюро МОМ в Вене, которое поддерживает и координирует работу её представительств в Юго-Восточной Европе, Восточной Европе и Центральной Азии.",
    },
    topics: ["labour-migration", "return-reintegration", "trafficking", "policy", "data"],
    languages: ["en"],
  },
  {
    id: "iom-gmdac",
    name: {
      en: "IOM Global Migration Data Analysis Centre",
      ru: "Глобальный центр анализа данных о миграции МОМ",
    },
    acronym: "GMDAC",
    category: "international",
    city: "berlin",
    website: "https://www.migrationdataportal.org",
    summary: {
      en: "IOM's centre for migration data in Berlin. Runs the Migration Data Portal, which brings together international statistics on migration.",
      ru: "Центр МОМ по данным о миграции в Берлине. Ведёт Портал данных о миграции (Migration Data Portal), где собрана международная статистика миграции.",
    },
    topics: ["data", "statistics", "research"],
    languages: ["en"],
  },
];

const INTERNATIONAL: readonly SeedEntry[] = [
  {
    id: "unhcr",
    name: {
      en: "Office of the United Nations High Commissioner for Refugees",
      ru: "Управление Верховного комиссара Организации Объединённых Наций по делам беженцев",
    },
    acronym: "UNHCR",
    category: "international",
    city: "geneva",
    activity: REGION,
    website: "https://www.unhcr.org",
    summary: {
      en: "The UN refugee agency. Protects and assists refugees, asylum-seekers, internally displaced and stateless people, and publishes statistics on forced displacement.",
      ru: "УВКБ ООН — агентство ООН по делам беженцев. Защищает беженцев, лиц, ищущих убежища, внутренне перемещённых лиц и лиц без гражданства и помогает им; публикует статистику вынужденного перемещения.",
    },
    topics: ["asylum-refugees", "statistics", "data"],
    languages: ["en", "fr"],
  },
  {
    id: "unhcr-ukraine",
    name: { en: "UNHCR Ukraine", ru: "Представительство УВКБ ООН в Украине" },
    acronym: "UNHCR",
    category: "international",
    city: "kyiv",
    activity: ["UKR"],
    website: "https://www.unhcr.org/ua",
    summary: {
      en: "Country office of the UN refugee agency in Ukraine, working with refugees, asylum-seekers, internally displaced and stateless people.",
      ru: "Представительство агентства ООН по делам беженцев в Украине; работает с беженцами, лицами, ищущими убежища, внутренне перемещёнными лицами и лицами без гражданства.",
    },
    topics: ["asylum-refugees"],
    languages: ["en", "uk"],
  },
  {
    id: "ilo",
    name: { en: "International Labour Organization", ru: "Международная организация труда" },
    acronym: "ILO",
    category: "international",
    city: "geneva",
    activity: REGION,
    website: "https://www.ilo.org",
    summary: {
      en: "The UN agency for the world of work. Sets international labour standards, including on migrant workers, and produces labour statistics, including on labour migration.",
      ru: "МОТ — агентство ООН в сфере труда. Разрабатывает международные трудовые нормы, в том числе о трудящихся-мигрантах, и статистику труда, включая статистику трудовой миграции.",
    },
    topics: ["labour-migration", "statistics", "policy"],
    languages: ["en", "fr", "es"],
  },
  {
    id: "ilo-moscow",
    name: {
      en: "ILO Decent Work Technical Support Team and Country Office for Eastern Europe and Central Asia",
      ru: "Группа технической поддержки по вопросам достойного труда и Бюро МОТ для стран Восточной Европы и Центральной Азии",
    },
    acronym: "ILO",
    category: "international",
    city: "moscow",
    activity: ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "TKM", "UZB"],
    website: "https://www.ilo.org/moscow",
    summary: {
      en: "The ILO's office in Moscow for countries of Eastern Europe and Central Asia, including work on labour migration.",
      ru: "Бюро МОТ в Москве для стран Восточной Европы и Центральной Азии; его работа включает вопросы трудовой миграции.",
    },
    topics: ["labour-migration", "policy"],
    languages: ["en", "ru"],
  },
  {
    id: "unece-statistics",
    name: {
      en: "UNECE Statistical Division",
      ru: "Отдел статистики Европейской экономической комиссии ООН",
    },
    acronym: "UNECE",
    category: "international",
    city: "geneva",
    activity: REGION,
    website: "https://unece.org/statistics",
    summary: {
      en: "Statistical division of the United Nations Economic Commission for Europe. Serves the Conference of European Statisticians and develops methodological guidance, including on migration statistics.",
      ru: "Отдел статистики Европейской экономической комиссии ООН (ЕЭК ООН). Обслуживает Конференцию европейских статистиков и разрабатывает методологические рекомендации, в том числе по статистике миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["en", "fr", "ru"],
  },
  {
    id: "icmpd",
    name: {
      en: "International Centre for Migration Policy Development",
      ru: "Международный центр по развитию миграционной политики",
    },
    acronym: "ICMPD",
    category: "international",
    city: "vienna",
    website: "https://www.icmpd.org",
    summary: {
      en: "International organisation based in Vienna that works on migration policy, border management, legal migration and return, through research, dialogues and capacity building.",
      ru: "МЦРМП — международная организация в Вене, работающая в области миграционной политики, управления границами, легальной миграции и возвращения посредством исследований, диалогов и укрепления потенциала.",
    },
    topics: ["policy", "border-management", "labour-migration", "return-reintegration", "research"],
    languages: ["en"],
  },
  {
    id: "osce-odihr",
    name: {
      en: "OSCE Office for Democratic Institutions and Human Rights",
      ru: "Бюро по демократическим институтам и правам человека ОБСЕ",
    },
    acronym: "ODIHR",
    category: "international",
    city: "warsaw",
    activity: REGION,
    website: "https://www.osce.org/odihr",
    summary: {
      en: "Institution of the Organization for Security and Co-operation in Europe, based in Warsaw. Its human rights work includes the rights of migrants, freedom of movement and combating trafficking in human beings.",
      ru: "БДИПЧ — институт Организации по безопасности и сотрудничеству в Европе в Варшаве. Его работа в области прав человека включает права мигрантов, свободу передвижения и противодействие торговле людьми.",
    },
    topics: ["policy", "trafficking", "integration"],
    languages: ["en", "ru"],
  },
  {
    id: "undesa-population",
    name: {
      en: "United Nations Department of Economic and Social Affairs, Population Division",
      ru: "Отдел народонаселения Департамента по экономическим и социальным вопросам ООН",
    },
    acronym: "UN DESA",
    category: "international",
    city: "newYork",
    website: "https://www.un.org/development/desa/pd/",
    summary: {
      en: "Produces the United Nations population estimates and projections, including the International Migrant Stock estimates of migrants by country of destination and origin.",
      ru: "Готовит оценки и прогнозы численности населения ООН, в том числе оценки численности международных мигрантов по странам назначения и происхождения (International Migrant Stock).",
    },
    topics: ["statistics", "data", "research"],
    languages: ["en"],
  },
  {
    id: "eurostat",
    name: { en: "Eurostat", ru: "Евростат" },
    acronym: "Eurostat",
    category: "international",
    city: "luxembourg",
    website: "https://ec.europa.eu/eurostat",
    summary: {
      en: "The statistical office of the European Union. Publishes European statistics, including on international migration, residence permits, asylum and citizenship.",
      ru: "Статистическое управление Европейского союза. Публикует европейскую статистику, в том числе о международной миграции, видах на жительство, убежище и гражданстве.",
    },
    topics: ["statistics", "data", "asylum-refugees"],
    languages: ["en", "fr", "de"],
  },
  {
    id: "cisstat",
    name: {
      en: "Interstate Statistical Committee of the Commonwealth of Independent States",
      ru: "Межгосударственный статистический комитет Содружества Независимых Государств",
    },
    original: {
      name: "Межгосударственный статистический комитет Содружества Независимых Государств",
      language: "ru",
    },
    acronym: "CIS-Stat",
    category: "international",
    city: "moscow",
    activity: ["ARM", "AZE", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"],
    website: "https://www.cisstat.org",
    summary: {
      en: "Statistical body of the Commonwealth of Independent States. Compiles and publishes comparable statistics of the member states, including on population and migration.",
      ru: "Статкомитет СНГ — статистический орган Содружества Независимых Государств. Собирает и публикует сопоставимую статистику государств-участников, в том числе о населении и миграции.",
    },
    topics: ["statistics", "data"],
    languages: ["ru"],
  },
  {
    id: "eec",
    name: { en: "Eurasian Economic Commission", ru: "Евразийская экономическая комиссия" },
    original: { name: "Евразийская экономическая комиссия", language: "ru" },
    acronym: "EEC",
    category: "international",
    city: "moscow",
    activity: ["ARM", "BLR", "KAZ", "KGZ", "RUS"],
    website: "https://eec.eaeunion.org",
    summary: {
      en: "The permanent regulatory body of the Eurasian Economic Union. Its work includes the common labour market of the Union and the labour migration of its citizens, and Union-wide statistics.",
      ru: "ЕЭК — постоянно действующий регулирующий орган Евразийского экономического союза. Его работа включает общий рынок труда Союза, трудовую миграцию граждан государств-членов и статистику Союза.",
    },
    topics: ["labour-migration", "policy", "statistics"],
    languages: ["ru"],
  },
  {
    id: "knomad",
    name: {
      en: "Global Knowledge Partnership on Migration and Development",
      ru: "Глобальное партнёрство по знаниям в области миграции и развития",
    },
    acronym: "KNOMAD",
    category: "international",
    city: "washington",
    website: "https://www.knomad.org",
    summary: {
      en: "Knowledge partnership hosted by the World Bank that produces research and data on migration and development, including estimates of remittance flows.",
      ru: "Партнёрство на базе Всемирного банка, которое готовит исследования и данные о миграции и развитии, в том числе оценки потоков денежных переводов мигрантов.",
    },
    topics: ["remittances", "research", "data", "labour-migration"],
    languages: ["en"],
  },
  {
    id: "unodc",
    name: {
      en: "United Nations Office on Drugs and Crime",
      ru: "Управление Организации Объединённых Наций по наркотикам и преступности",
    },
    acronym: "UNODC",
    category: "international",
    city: "vienna",
    activity: REGION,
    website: "https://www.unodc.org",
    summary: {
      en: "UN office whose work includes trafficking in persons and smuggling of migrants; publishes the Global Report on Trafficking in Persons.",
      ru: "УНП ООН — управление ООН, работа которого включает противодействие торговле людьми и незаконному ввозу мигрантов; публикует Глобальный доклад о торговле людьми.",
    },
    topics: ["trafficking", "research", "data"],
    languages: ["en"],
  },
  {
    id: "oecd-migration",
    name: { en: "OECD International Migration Division", ru: "Отдел международной миграции ОЭСР" },
    acronym: "OECD",
    category: "international",
    city: "paris",
    website: "https://www.oecd.org",
    summary: {
      en: "Division of the Organisation for Economic Co-operation and Development that analyses migration policies, labour migration and the integration of migrants, and publishes the International Migration Outlook.",
      ru: "Отдел Организации экономического сотрудничества и развития, который анализирует миграционную политику, трудовую миграцию и интеграцию мигрантов и выпускает доклад International Migration Outlook.",
    },
    topics: ["policy", "integration", "labour-migration", "statistics"],
    languages: ["en", "fr"],
  },
  {
    id: "frontex",
    name: {
      en: "European Border and Coast Guard Agency",
      ru: "Европейское агентство пограничной и береговой охраны",
    },
    acronym: "Frontex",
    category: "international",
    city: "warsaw",
    website: "https://www.frontex.europa.eu",
    summary: {
      en: "European Union agency that supports the management of the EU's external borders, including joint operations, risk analysis and return operations.",
      ru: "Агентство Европейского союза, содействующее управлению внешними границами ЕС, в том числе посредством совместных операций, анализа рисков и операций по возвращению.",
    },
    topics: ["border-management", "return-reintegration", "data"],
    languages: ["en"],
  },
];

const RESEARCH: readonly SeedEntry[] = [
  {
    id: "mpi",
    name: { en: "Migration Policy Institute", ru: "Институт миграционной политики" },
    acronym: "MPI",
    category: "non-profit",
    city: "washington",
    website: "https://www.migrationpolicy.org",
    summary: {
      en: "Independent non-partisan think tank in Washington that analyses migration and refugee policies in the United States and around the world.",
      ru: "Независимый внепартийный аналитический центр в Вашингтоне, изучающий миграционную политику и политику в отношении беженцев в США и в мире.",
    },
    topics: ["research", "policy", "integration"],
    languages: ["en"],
  },
  {
    id: "mpc-eui",
    name: {
      en: "Migration Policy Centre, European University Institute",
      ru: "Центр миграционной политики Европейского университетского института",
    },
    acronym: "MPC",
    category: "academic",
    city: "florence",
    website: "https://www.migrationpolicycentre.eu",
    summary: {
      en: "Research centre of the European University Institute on migration policy. With the Centre of Migration Research of the University of Warsaw it ran the CARIM-East project on migration in the Eastern Partnership countries and Russia.",
      ru: "Исследовательский центр Европейского университетского института по миграционной политике. Вместе с Центром исследований миграции Варшавского университета вёл проект CARIM-East о миграции в странах Восточного партнёрства и России.",
    },
    topics: ["research", "policy"],
    languages: ["en"],
  },
  {
    id: "cmr-warsaw",
    name: {
      en: "Centre of Migration Research, University of Warsaw",
      ru: "Центр исследований миграции Варшавского университета",
    },
    original: { name: "Ośrodek Badań nad Migracjami Uniwersytetu Warszawskiego", language: "pl" },
    acronym: "CMR",
    category: "academic",
    city: "warsaw",
    website: "https://www.migracje.uw.edu.pl",
    summary: {
      en: "Research centre of the University of Warsaw on international migration, including migration from Eastern Europe to Poland.",
      ru: "Исследовательский центр Варшавского университета, изучающий международную миграцию, в том числе миграцию из Восточной Европы в Польшу.",
    },
    topics: ["research", "labour-migration", "integration"],
    languages: ["pl", "en"],
  },
  {
    id: "crrc-georgia",
    name: {
      en: "Caucasus Research Resource Centers – Georgia",
      ru: "Кавказские ресурсно-исследовательские центры — Грузия",
    },
    acronym: "CRRC",
    category: "non-profit",
    city: "tbilisi",
    website: "https://crrc.ge",
    summary: {
      en: "Non-profit research centre in Tbilisi that conducts surveys and social research, including the Caucasus Barometer survey, with data on migration and emigration intentions.",
      ru: "Некоммерческий исследовательский центр в Тбилиси, проводящий опросы и социальные исследования, в том числе опрос «Кавказский барометр», с данными о миграции и намерениях эмигрировать.",
    },
    topics: ["research", "data"],
    languages: ["ka", "en"],
  },
  {
    id: "crrc-armenia",
    name: {
      en: "Caucasus Research Resource Center – Armenia",
      ru: "Кавказский ресурсно-исследовательский центр — Армения",
    },
    acronym: "CRRC",
    category: "non-profit",
    city: "yerevan",
    website: "https://www.crrc.am",
    summary: {
      en: "Non-profit research centre in Yerevan that conducts surveys and social research, including on migration.",
      ru: "Некоммерческий исследовательский центр в Ереване, проводящий опросы и социальные исследования, в том числе по вопросам миграции.",
    },
    topics: ["research", "data"],
    languages: ["hy", "en"],
  },
];

interface CentralBank {
  readonly id: string;
  readonly name: { readonly en: string; readonly ru: string };
  readonly original?: SeedEntry["original"];
  readonly acronym?: string;
  readonly city: CityKey;
  readonly website: string;
  /** The country, in English and in the Russian genitive ("центральный банк Армении"). */
  readonly of: { readonly en: string; readonly ru: string };
}

/** Central banks compile the balance of payments, whose personal transfers include migrants' remittances. */
const CENTRAL_BANKS: readonly SeedEntry[] = (
  [
    {
      id: "cba-am",
      name: { en: "Central Bank of the Republic of Armenia", ru: "Центральный банк Республики Армения" },
      original: { name: "Հայաստանի Հանրապետության կենտրոնական բանկ", language: "hy" },
      acronym: "CBA",
      city: "yerevan",
      website: "https://www.cba.am",
      of: { en: "Armenia", ru: "Армении" },
    },
    {
      id: "cbar",
      name: { en: "Central Bank of the Republic of Azerbaijan", ru: "Центральный банк Азербайджанской Республики" },
      original: { name: "Azərbaycan Respublikasının Mərkəzi Bankı", language: "az" },
      acronym: "CBAR",
      city: "baku",
      website: "https://www.cbar.az",
      of: { en: "Azerbaijan", ru: "Азербайджана" },
    },
    {
      id: "nbrb",
      name: { en: "National Bank of the Republic of Belarus", ru: "Национальный банк Республики Беларусь" },
      original: { name: "Нацыянальны банк Рэспублікі Беларусь", language: "be" },
      city: "minsk",
      website: "https://www.nbrb.by",
      of: { en: "Belarus", ru: "Беларуси" },
    },
    {
      id: "nbg",
      name: { en: "National Bank of Georgia", ru: "Национальный банк Грузии" },
      original: { name: "საქართველოს ეროვნული ბანკი", language: "ka" },
      acronym: "NBG",
      city: "tbilisi",
      website: "https://nbg.gov.ge",
      of: { en: "Georgia", ru: "Грузии" },
    },
    {
      id: "nbkr",
      name: { en: "National Bank of the Kyrgyz Republic", ru: "Национальный банк Кыргызской Республики" },
      acronym: "NBKR",
      city: "bishkek",
      website: "https://www.nbkr.kg",
      of: { en: "Kyrgyzstan", ru: "Кыргызстана" },
    },
    {
      id: "bnm",
      name: { en: "National Bank of Moldova", ru: "Национальный банк Молдовы" },
      original: { name: "Banca Națională a Moldovei", language: "ro" },
      acronym: "BNM",
      city: "chisinau",
      website: "https://www.bnm.md",
      of: { en: "the Republic of Moldova", ru: "Республики Молдова" },
    },
    {
      id: "cbr",
      name: { en: "Central Bank of the Russian Federation", ru: "Центральный банк Российской Федерации" },
      original: { name: "Центральный банк Российской Федерации", language: "ru" },
      city: "moscow",
      website: "https://www.cbr.ru",
      of: { en: "the Russian Federation", ru: "Российской Федерации" },
    },
    {
      id: "nbt",
      name: { en: "National Bank of Tajikistan", ru: "Национальный банк Таджикистана" },
      acronym: "NBT",
      city: "dushanbe",
      website: "https://www.nbt.tj",
      of: { en: "Tajikistan", ru: "Таджикистана" },
    },
    {
      id: "nbu",
      name: { en: "National Bank of Ukraine", ru: "Национальный банк Украины" },
      original: { name: "Національний банк України", language: "uk" },
      acronym: "NBU",
      city: "kyiv",
      website: "https://bank.gov.ua",
      of: { en: "Ukraine", ru: "Украины" },
    },
    {
      id: "cbu",
      name: { en: "Central Bank of the Republic of Uzbekistan", ru: "Центральный банк Республики Узбекистан" },
      acronym: "CBU",
      city: "tashkent",
      website: "https://cbu.uz",
      of: { en: "Uzbekistan", ru: "Узбекистана" },
    },
  ] satisfies readonly CentralBank[]
).map(
  ({ of, ...bank }): SeedEntry => ({
    ...bank,
    category: "government",
    summary: {
      en: `The central bank of ${of.en}. Compiles the balance of payments, whose personal transfers include migrants' remittances.`,
      ru: `Центральный банк ${of.ru}. Составляет платёжный баланс, личные трансферты в котором включают денежные переводы мигрантов.`,
    },
    topics: ["remittances", "statistics"],
  }),
);

const trimmed = (text: string | undefined) => text?.trim() || null;

/** A seed entry as the fields the repository writes. */
function fieldsOf(e: SeedEntry): InstitutionFields {
  const city = e.city ? CITIES[e.city] : undefined;
  const country = city?.country ?? e.country ?? null;
  return {
    id: e.id,
    name_en: e.name.en,
    name_ru: e.name.ru,
    name_original: trimmed(e.original?.name),
    original_language: e.original?.language ?? null,
    acronym: e.acronym ?? null,
    category: e.category,
    status: "active",
    country,
    city: city?.name.en ?? null,
    city_ru: city?.name.ru ?? null,
    address: null,
    latitude: city?.latitude ?? null,
    longitude: city?.longitude ?? null,
    countries_of_activity: e.activity ?? (country && e.category === "government" ? [country] : []),
    website: e.website ?? null,
    // Where the facts were taken from: the page named, else the institution's own site.
    source_url: e.source ?? e.website ?? null,
    email: null,
    phone: null,
    summary_en: e.summary.en,
    summary_ru: e.summary.ru,
    topics: e.topics,
    languages: e.languages ?? [],
    verified_at: null,
    synthetic: false,
  };
}

export const SEED_INSTITUTIONS: readonly InstitutionFields[] = [
  ...NATIONAL_STATISTICS,
  ...MIGRATION_BODIES,
  ...IOM,
  ...INTERNATIONAL,
  ...RESEARCH,
  ...CENTRAL_BANKS,
].map(fieldsOf);
