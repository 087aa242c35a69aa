export {
  type GlossaryField,
  type GlossaryFieldMatch,
  type GlossarySearchOptions,
  type GlossarySearchResult,
  glossaryTerm,
  normalizeText,
  parseGlossaryTableId,
  searchGlossary,
  stemWord,
  termsForIndicator,
  termsForTable,
} from "./search.ts";
export { GLOSSARY_SOURCES } from "./sources.ts";
export {
  GLOSSARY_CATEGORIES,
  GLOSSARY_INDICATOR_IDS,
  GLOSSARY_TABLE_IDS,
  GLOSSARY_TERMS,
  type GlossaryCategory,
  type GlossaryIndicatorId,
  type GlossaryLang,
  type GlossaryTableId,
  type GlossaryTerm,
  type GlossaryText,
} from "./terms.ts";
