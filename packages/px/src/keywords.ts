/**
 * What the PX format says about each keyword, as far as reading and writing need it.
 * Unknown keywords are kept and written back as they came.
 */

/** Keywords that define the table's identity or structure: a malformed value is fatal. */
export const STRUCTURAL = new Set([
  "CHARSET",
  "CODEPAGE",
  "LANGUAGE",
  "LANGUAGES",
  "MATRIX",
  "SUBJECT-CODE",
  "SUBJECT-AREA",
  "CONTENTS",
  "UNITS",
  "DECIMALS",
  "STUB",
  "HEADING",
  "CONTVARIABLE",
  "VALUES",
  "CODES",
  "TIMEVAL",
  "KEYS",
]);

/** Mandatory in the default language. STUB/HEADING (at least one) and DATA are checked separately. */
export const MANDATORY = ["MATRIX", "SUBJECT-CODE", "SUBJECT-AREA", "CONTENTS", "TITLE", "UNITS", "DECIMALS"] as const;

/** Keywords whose value is YES or NO. */
export const YES_NO = new Set([
  "AGGREGALLOWED",
  "AUTOPEN",
  "COPYRIGHT",
  "DESCRIPTIONDEFAULT",
  "DOUBLECOLUMN",
  "DAYADJ",
  "SEASADJ",
  "OFFICIAL-STATISTICS",
]);

/** Keywords whose first subkey names a variable. */
export const VARIABLE_SUBKEY = new Set([
  "VALUES",
  "CODES",
  "TIMEVAL",
  "DOMAIN",
  "MAP",
  "ELIMINATION",
  "DOUBLECOLUMN",
  "PRESTEXT",
  "NOTE",
  "NOTEX",
  "KEYS",
  "HIERARCHIES",
  "HIERARCHYLEVELS",
  "HIERARCHYLEVELSOPEN",
  "HIERARCHYNAMES",
  "PARTITIONED",
  "VARIABLE-TYPE",
  "VARIABLECODE",
  "VALUENOTE",
  "VALUENOTEX",
  "PRECISION",
  "VALUE-ORDER",
]);

/** Keywords with ("variable","value") subkeys. */
export const VALUE_SUBKEY = new Set(["VALUENOTE", "VALUENOTEX", "PRECISION"]);

/** Keywords whose subkey is a value of the CONTVARIABLE (e.g. `UNITS("Inmigrated")`). */
export const CONTENTS_SUBKEY = new Set([
  "UNITS",
  "LAST-UPDATED",
  "STOCKFA",
  "CFPRICES",
  "DAYADJ",
  "SEASADJ",
  "CONTACT",
  "REFPERIOD",
  "BASEPERIOD",
]);

/** Keywords with one subkey per variable (`"*"` for any value), in STUB then HEADING order. */
export const CELL_SUBKEY = new Set(["CELLNOTE", "CELLNOTEX", "DATANOTECELL"]);

/**
 * Order of keywords in the PX specification, used to arrange entries built in code (see `sortEntries`); files that
 * were read keep their own order. DATA is always last.
 */
export const WRITE_ORDER = [
  "CHARSET",
  "AXIS-VERSION",
  "CODEPAGE",
  "LANGUAGE",
  "LANGUAGES",
  "CREATION-DATE",
  "NEXT-UPDATE",
  "PX-SERVER",
  "DIRECTORY-PATH",
  "UPDATE-FREQUENCY",
  "TABLEID",
  "SYNONYMS",
  "DEFAULT-GRAPH",
  "DECIMALS",
  "SHOWDECIMALS",
  "ROUNDING",
  "MATRIX",
  "AGGREGALLOWED",
  "AUTOPEN",
  "SUBJECT-CODE",
  "SUBJECT-AREA",
  "CONFIDENTIAL",
  "COPYRIGHT",
  "DESCRIPTION",
  "TITLE",
  "DESCRIPTIONDEFAULT",
  "CONTENTS",
  "UNITS",
  "STUB",
  "HEADING",
  "CONTVARIABLE",
  "VALUES",
  "TIMEVAL",
  "CODES",
  "DOUBLECOLUMN",
  "PRESTEXT",
  "DOMAIN",
  "VARIABLE-TYPE",
  "VARIABLECODE",
  "HIERARCHIES",
  "HIERARCHYLEVELS",
  "HIERARCHYLEVELSOPEN",
  "HIERARCHYNAMES",
  "MAP",
  "PARTITIONED",
  "ELIMINATION",
  "PRECISION",
  "LAST-UPDATED",
  "STOCKFA",
  "CFPRICES",
  "DAYADJ",
  "SEASADJ",
  "CONTACT",
  "REFPERIOD",
  "BASEPERIOD",
  "DATABASE",
  "SOURCE",
  "SURVEY",
  "LINK",
  "INFOFILE",
  "FIRST-PUBLISHED",
  "META-ID",
  "OFFICIAL-STATISTICS",
  "INFO",
  "NOTEX",
  "NOTE",
  "VALUENOTEX",
  "VALUENOTE",
  "CELLNOTEX",
  "CELLNOTE",
  "DATASYMBOL1",
  "DATASYMBOL2",
  "DATASYMBOL3",
  "DATASYMBOL4",
  "DATASYMBOL5",
  "DATASYMBOL6",
  "DATASYMBOLSUM",
  "DATASYMBOLNIL",
  "DATANOTECELL",
  "DATANOTESUM",
  "DATANOTE",
  "KEYS",
  "ATTRIBUTE-ID",
  "ATTRIBUTE-TEXT",
  "ATTRIBUTES",
] as const;
