/**
 * The Excel template's layout, shared by the writer (`templates/xlsx.ts`) and the reader (`upload/xlsx.ts`).
 *
 * One sheet per table, named by the table's id, in a wide form: a row per year × the table's own category × sex,
 * the age groups across (20 columns). Wide because a person fills a table by reading across a row of ages, as
 * statistical yearbooks print them; long form would be 20 times the rows (300,000 for a partner-country table over
 * 20 years) and one value per row. Rows:
 * 1–2 the title in English and Russian; 3 the key cells (`table` T1_2, `reporter` KAZ with its names) that tell
 * the reader what the sheet is; 4 units and reference period; 5 the codes header (`year`, the own dimension's code
 * and its two label columns, `sex` and its labels, then the age codes); 6 and 7 the header's labels in English and
 * Russian; from 8 the data. The reader finds the codes header by its `year` cell, maps columns by their header
 * codes and rows by their code cells, so rows reordered, deleted or filled in part are read right.
 */

export const TITLE_ROW_EN = 1;
export const TITLE_ROW_RU = 2;
export const KEY_ROW = 3;
export const UNITS_ROW = 4;
export const HEADER_ROW = 5;
export const LABEL_ROW_EN = 6;
export const LABEL_ROW_RU = 7;
export const FIRST_DATA_ROW = 8;

/** Key cells of row 3: A `table`, B the id, C `reporter`, D the code, E–F the country's names. */
export const TABLE_KEY = "table";
export const REPORTER_KEY = "reporter";

/** The sheets that are not tables. */
export const NOTES_SHEET = "Notes - Примечания";
export const CODES_SHEET = "codes";

/** How far down the reader looks for the codes header (a user may insert a few rows above it). */
export const HEADER_SEARCH_ROWS = 30;
