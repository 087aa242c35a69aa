/**
 * Checks at the edge, shared by the routes, so that what no id or number can be never reaches the database (where
 * a NUL byte or a number beyond its integer range is an internal error, not the client's): JSON schemas for path
 * parameters, hooks that refuse a NUL character anywhere in the address or in a JSON body, and a JSON parser
 * that refuses deep nesting before parsing (a megabyte of `[` takes JSON.parse seconds, and JSON.stringify
 * of the result overflows the stack).
 */

import type { FastifyInstance } from "fastify";
import { ApiProblem } from "./problem.ts";

/** Longest id of a table, codelist or other thing named in a path. */
export const MAX_ID_LENGTH = 200;
/** The characters no id holds: the C0 controls and DEL (PostgreSQL refuses NUL in text). */
const CONTROL_CLASS = "\\u0000-\\u001f\\u007f";
export const CONTROL_CHARACTER = new RegExp(`[${CONTROL_CLASS}]`);

/** An id in a path: printable, of a sensible length. */
export const ID_PARAM = {
  type: "string",
  minLength: 1,
  maxLength: MAX_ID_LENGTH,
  pattern: `^[^${CONTROL_CLASS}]+$`,
} as const;

/** Largest whole number a PostgreSQL integer column holds (versions, ids). */
export const MAX_INTEGER = 2_147_483_647;

/** A whole number of 1 to MAX_INTEGER in a path or query, or a 400 saying what `name` must be. */
export function wholeNumber(text: string, name: string): number {
  const n = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= MAX_INTEGER)) {
    throw new ApiProblem(
      400,
      `${name} must be a whole number from 1 to ${MAX_INTEGER}, not "${text.slice(0, 40)}"`,
      `${name} должно быть целым числом от 1 до ${MAX_INTEGER}, а не «${text.slice(0, 40)}»`,
    );
  }
  return n;
}

/** The schema of a route's path parameters, each required. */
export function pathParams<P extends Record<string, object>>(properties: P) {
  return { type: "object", properties, required: Object.keys(properties) } as const;
}

const NUL_IN_ADDRESS = new ApiProblem(
  400,
  "the address holds a NUL character (%00), which no id or parameter may contain",
  "адрес содержит символ NUL (%00), недопустимый в идентификаторах и параметрах",
);
const NUL_IN_BODY = new ApiProblem(
  400,
  "the body holds a NUL character (\\u0000), which no text may contain",
  "тело запроса содержит символ NUL (\\u0000), недопустимый в тексте",
);

/** Deepest nesting of arrays and objects any of our JSON bodies needs (a selection has 4). */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text, brackets inside strings not counted; linear. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** True when some string (or key) anywhere in a parsed JSON value holds a NUL; iterative, so depth is no risk. */
export function holdsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) return true;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === "object" && v !== null) {
      for (const [key, inner] of Object.entries(v)) {
        if (key.includes("\u0000")) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

const TOO_DEEP = new ApiProblem(
  400,
  `the JSON body nests arrays and objects more than ${MAX_JSON_DEPTH} deep`,
  `в теле JSON массивы и объекты вложены глубже ${MAX_JSON_DEPTH} уровней`,
);

/** Refuses (400) a JSON text nested deeper than MAX_JSON_DEPTH, before anything parses it. */
export function checkJsonDepth(text: string): void {
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw TOO_DEEP;
}

/**
 * Refuses a NUL in the address (path or query, encoded or not) and in JSON bodies, and JSON nested deeper than
 * MAX_JSON_DEPTH, for every route.
 */
export function refuseNul(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = body as string; // parseAs: "string"
    try {
      checkJsonDepth(text);
    } catch (error) {
      return done(error as Error, undefined);
    }
    return parseJson(request, text, done);
  });
  // After every onRequest hook (cookies, sessions, rate limits), which the error's answer may rely on.
  app.addHook("preParsing", async (request) => {
    if (request.url.includes("\u0000") || /%00/i.test(request.url)) throw NUL_IN_ADDRESS;
  });
  app.addHook("preValidation", async (request) => {
    if (request.body !== undefined && !Buffer.isBuffer(request.body) && holdsNul(request.body)) throw NUL_IN_BODY;
  });
}
