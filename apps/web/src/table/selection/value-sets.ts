/**
 * The codes of a value set (PxWeb codelist `vs_…`), fetched once per page load: a set's codes are the same in every
 * language, only its labels differ, and the panel needs the codes alone.
 */
import { api } from "../../lib/api.ts";
import type { Lang } from "../../lib/i18n.ts";

const loaded = new Map<string, Promise<string[]>>();

export function valueSetCodes(id: string, lang: Lang): Promise<string[]> {
  let codes = loaded.get(id);
  if (!codes) {
    codes = api.codelist(id, lang).then((list) => list.values.map((v) => v.code));
    // A failure is not kept, so that choosing the set again tries again.
    codes.catch(() => loaded.delete(id));
    loaded.set(id, codes);
  }
  return codes;
}
