/**
 * The ids in PxWeb API 2.0's paths, checked at the edge: an id that no table, codelist or saved query can have is
 * a bad request (400), so a NUL byte or another control character never reaches a database query (PostgreSQL
 * refuses NUL in text, which would be a 500). A well-formed id that names nothing is a 404 further in.
 */

import { CONTROL_CHARACTER, MAX_ID_LENGTH } from "../../http/params.ts";
import { badRequest } from "../../http/problem.ts";

const SAVED_QUERY_ID = /^[A-Za-z0-9_-]{16}$/;

/** Text safe to echo in a message: control characters as \u escapes, at most 80 characters. */
export function printable(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return shown.replace(
    new RegExp(CONTROL_CHARACTER.source, "g"),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function checkId(id: string, what: string): string {
  if (id === "" || id.length > MAX_ID_LENGTH || CONTROL_CHARACTER.test(id)) {
    throw badRequest(
      `"${printable(id)}" is not a ${what} id: ids have 1 to ${MAX_ID_LENGTH} characters and no control characters`,
    );
  }
  return id;
}

/** A table id as a path or body gives it. */
export const checkTableId = (id: string): string => checkId(id, "table");

/** A codelist id as the path gives it (whether it starts vs_ or agg_ is the route's business: 404 otherwise). */
export const checkCodelistId = (id: string): string => checkId(id, "codelist");

/** A saved query id: of the form this server makes them (16 characters of base64url). */
export function checkSavedQueryId(id: string): string {
  if (!SAVED_QUERY_ID.test(id)) {
    throw badRequest(
      `"${printable(id)}" is not a saved query id: ids are 16 letters, digits, "-" or "_", as POST /api/v2/savedqueries gives them`,
    );
  }
  return id;
}
