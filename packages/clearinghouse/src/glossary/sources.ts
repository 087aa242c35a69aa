/**
 * Where each glossary definition comes from: the international documents the definitions are written after, and
 * for the clearinghouse's own conventions (indicators computed here, cell statuses) the document that sets them.
 * Every term of `GLOSSARY_TERMS` names one (`GLOSSARY_SOURCES`); the glossary refuses a term without one.
 */

import type { GlossaryText } from "./terms.ts";

const cite = (en: string, ru: string): GlossaryText => ({ en, ru });

const UN_RECOMMENDATIONS = cite(
  "United Nations (1998). Recommendations on Statistics of International Migration, Revision 1 (ST/ESA/STAT/SER.M/58/Rev.1).",
  "Организация Объединенных Наций (1998). Рекомендации по статистике международной миграции, пересмотр 1 (ST/ESA/STAT/SER.M/58/Rev.1).",
);
const EGMS_2021 = cite(
  "United Nations Expert Group on Migration Statistics (2021). Final report on conceptual frameworks and concept definitions on international migration (background document to the 53rd session of the UN Statistical Commission).",
  "Группа экспертов ООН по статистике миграции (2021). Итоговый доклад о концептуальных основах и определениях понятий в области международной миграции (справочный документ 53-й сессии Статистической комиссии ООН).",
);
const UNECE_GUIDE = cite(
  "UNECE (2011). Statistics on International Migration: A Practical Guide for Countries of Eastern Europe and Central Asia, Conference of European Statisticians.",
  "ЕЭК ООН (2011). Статистика международной миграции: практическое руководство для стран Восточной Европы и Центральной Азии (Конференция европейских статистиков).",
);
const UN_CENSUS = cite(
  "United Nations (2017). Principles and Recommendations for Population and Housing Censuses, Revision 3 (ST/ESA/STAT/SER.M/67/Rev.3).",
  "Организация Объединенных Наций (2017). Принципы и рекомендации в отношении переписей населения и жилищного фонда, пересмотр 3 (ST/ESA/STAT/SER.M/67/Rev.3).",
);
const UN_IMS_2020 = cite(
  "United Nations, Department of Economic and Social Affairs, Population Division (2020). International Migrant Stock 2020: Documentation (POP/DB/MIG/Stock/Rev.2020); estimates at mid-year (1 July).",
  "Организация Объединенных Наций, Департамент по экономическим и социальным вопросам, Отдел народонаселения (2020). International Migrant Stock 2020: документация (POP/DB/MIG/Stock/Rev.2020); оценки на середину года (1 июля).",
);
const REFUGEE_CONVENTION = cite(
  "Convention relating to the Status of Refugees (1951), article 1, and its Protocol (1967); UNHCR terminology.",
  "Конвенция о статусе беженцев (1951), статья 1, и Протокол к ней (1967); терминология УВКБ ООН.",
);
const STATELESS_CONVENTION = cite(
  "Convention relating to the Status of Stateless Persons (1954), article 1.",
  "Конвенция о статусе апатридов (1954), статья 1.",
);
const IDP_PRINCIPLES = cite(
  "United Nations (1998). Guiding Principles on Internal Displacement (E/CN.4/1998/53/Add.2).",
  "Организация Объединенных Наций (1998). Руководящие принципы по вопросу о перемещении лиц внутри страны (E/CN.4/1998/53/Add.2).",
);
const IOM_GLOSSARY = cite(
  "International Organization for Migration (2019). Glossary on Migration, International Migration Law No. 34.",
  "Международная организация по миграции (2019). Глоссарий по миграции, серия «Международное миграционное право» № 34.",
);
const BPM6 = cite(
  "International Monetary Fund (2009). Balance of Payments and International Investment Position Manual, sixth edition (BPM6): personal transfers and compensation of employees.",
  "Международный валютный фонд (2009). Руководство по платежному балансу и международной инвестиционной позиции, шестое издание (РПБ6): личные трансферты и оплата труда.",
);
const ILO_LFS = cite(
  "International Labour Organization (2013). Resolution concerning statistics of work, employment and labour underutilization (19th ICLS).",
  "Международная организация труда (2013). Резолюция о статистике трудовой деятельности, занятости и недоиспользования рабочей силы (19-я МКСТ).",
);
const ISO_3166 = cite(
  "ISO 3166-1 country codes (alpha-3), and the UN Statistics Division's Standard country or area codes for statistical use (M49, ST/ESA/STAT/SER.M/49/Rev.3).",
  "Коды стран ISO 3166-1 (alpha-3) и Стандартные коды стран и районов для статистического использования Статистического отдела ООН (M49, ST/ESA/STAT/SER.M/49/Rev.3).",
);
const SDMX_STATUS = cite(
  "SDMX code list CL_OBS_STATUS (observation status) of the SDMX Global Registry, as applied in the clearinghouse's standard tables (TABLES.md, cell status).",
  "Кодовый список SDMX CL_OBS_STATUS (статус наблюдения) Глобального реестра SDMX в применении к стандартным таблицам центра обмена данными (TABLES.md, статус ячейки).",
);
const CLEARINGHOUSE_INDICATORS = cite(
  "The clearinghouse's derived indicators (TABLES.md, comparability across countries), after the UNECE practical guide (2011) and the UN Recommendations (1998).",
  "Производные показатели центра обмена данными (TABLES.md, сопоставимость между странами) по практическому руководству ЕЭК ООН (2011) и Рекомендациям ООН (1998).",
);
const RUS_REGISTRATION = cite(
  "Rosstat, methodological explanations to the statistics of international migration (migration registration since 2011); UNECE practical guide (2011).",
  "Росстат, методологические пояснения к статистике международной миграции (миграционный учет с 2011 года); практическое руководство ЕЭК ООН (2011).",
);

/** The source of each term, by id. */
export const GLOSSARY_SOURCES: Readonly<Record<string, GlossaryText>> = {
  "international-migrant": UN_RECOMMENDATIONS,
  "long-term-migrant": UN_RECOMMENDATIONS,
  "short-term-migrant": UN_RECOMMENDATIONS,
  "usual-residence": UN_RECOMMENDATIONS,
  "country-of-usual-residence": UN_RECOMMENDATIONS,
  "twelve-month-rule": UN_RECOMMENDATIONS,
  "nine-month-practice": RUS_REGISTRATION,
  "place-of-stay-registration": RUS_REGISTRATION,
  "country-of-previous-residence": UN_RECOMMENDATIONS,
  "country-of-next-residence": UN_RECOMMENDATIONS,
  "country-of-birth": UN_CENSUS,
  "place-of-birth": UN_CENSUS,
  "native-born": UN_CENSUS,
  "foreign-born": UN_CENSUS,
  citizenship: UN_CENSUS,
  "foreign-citizen": UN_RECOMMENDATIONS,
  "stateless-person": STATELESS_CONVENTION,
  "dual-citizenship": UN_CENSUS,
  "acquisition-of-citizenship": UN_RECOMMENDATIONS,
  immigration: UN_RECOMMENDATIONS,
  emigration: UN_RECOMMENDATIONS,
  "migration-flow": EGMS_2021,
  "migrant-stock": UN_IMS_2020,
  "return-migration": UN_RECOMMENDATIONS,
  "labour-migration": IOM_GLOSSARY,
  "forced-migration": IOM_GLOSSARY,
  refugee: REFUGEE_CONVENTION,
  "asylum-seeker": REFUGEE_CONVENTION,
  "internally-displaced-person": IDP_PRINCIPLES,
  "irregular-migration": IOM_GLOSSARY,
  "family-reunification": IOM_GLOSSARY,
  "student-migration": UN_RECOMMENDATIONS,
  "circular-migration": EGMS_2021,
  remittances: BPM6,
  diaspora: IOM_GLOSSARY,
  "population-register": UNECE_GUIDE,
  "residence-permit": UNECE_GUIDE,
  "border-statistics": UNECE_GUIDE,
  "population-census": UN_CENSUS,
  "household-survey": UNECE_GUIDE,
  "labour-force-survey": ILO_LFS,
  "administrative-data": UNECE_GUIDE,
  "mirror-statistics": UNECE_GUIDE,
  "asymmetry-index": CLEARINGHOUSE_INDICATORS,
  "break-in-series": SDMX_STATUS,
  "mean-population": CLEARINGHOUSE_INDICATORS,
  "net-migration": CLEARINGHOUSE_INDICATORS,
  "immigration-rate": CLEARINGHOUSE_INDICATORS,
  "emigration-rate": CLEARINGHOUSE_INDICATORS,
  "net-migration-rate": CLEARINGHOUSE_INDICATORS,
  "foreign-born-share": CLEARINGHOUSE_INDICATORS,
  "foreign-citizen-share": CLEARINGHOUSE_INDICATORS,
  "naturalisation-rate": CLEARINGHOUSE_INDICATORS,
  "sex-ratio": CLEARINGHOUSE_INDICATORS,
  "top-five-partners-share": CLEARINGHOUSE_INDICATORS,
  "reporting-country": UNECE_GUIDE,
  "partner-country": ISO_3166,
  "country-of-citizenship": UN_CENSUS,
  "country-of-previous-citizenship": UN_RECOMMENDATIONS,
  "citizenship-status": UN_CENSUS,
  provisional: SDMX_STATUS,
  estimated: SDMX_STATUS,
  "not-available": SDMX_STATUS,
  nil: SDMX_STATUS,
  confidential: SDMX_STATUS,
};
