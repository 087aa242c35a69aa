/**
 * The little of XML an .xlsx file needs: tags with attributes and the text between them, met in order, with the
 * five entities and character references decoded. Namespace prefixes are dropped (`x:c` is `c`), as writers other
 * than Excel use them. Linear in the text: one regular expression without backtracking walks the tags.
 */

export interface XmlTag {
  /** Local name, without prefix. */
  readonly name: string;
  readonly closing: boolean;
  readonly selfClosing: boolean;
  /** The raw attribute text, parsed on demand by `attribute`. */
  readonly rest: string;
  /** Offsets of the tag in the text. */
  readonly start: number;
  readonly end: number;
}

const TAG = /<([^>]*)>/g;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_, e: string) => {
    if (e[0] !== "#") return NAMED[e] ?? "";
    const cp = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
  });
}

export function* xmlTags(text: string): Generator<XmlTag> {
  TAG.lastIndex = 0;
  const re = new RegExp(TAG.source, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const inner = m[1] as string;
    const first = inner.charCodeAt(0);
    if (first === 0x3f /* ? */) continue;
    if (first === 0x21 /* ! */) {
      // A comment may hold ">": skip to its end.
      if (inner.startsWith("!--") && !inner.endsWith("--")) {
        const close = text.indexOf("-->", m.index);
        re.lastIndex = close === -1 ? text.length : close + 3;
      }
      continue;
    }
    const closing = first === 0x2f; /* / */
    const selfClosing = !closing && inner.endsWith("/");
    const body = closing ? inner.slice(1) : selfClosing ? inner.slice(0, -1) : inner;
    let nameEnd = 0;
    while (nameEnd < body.length && !/[\s/]/.test(body[nameEnd] as string)) nameEnd++;
    const qualified = body.slice(0, nameEnd);
    const colon = qualified.indexOf(":");
    yield {
      name: colon === -1 ? qualified : qualified.slice(colon + 1),
      closing,
      selfClosing,
      rest: body.slice(nameEnd),
      start: m.index,
      end: re.lastIndex,
    };
  }
}

/** An attribute's decoded value (by local name), or undefined. */
export function attribute(tag: XmlTag, name: string): string | undefined {
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag.rest); m; m = re.exec(tag.rest)) {
    const q = m[1] as string;
    const local = q.includes(":") ? q.slice(q.indexOf(":") + 1) : q;
    if (local === name || q === name) return decodeEntities(m[2] ?? m[3] ?? "");
  }
  return undefined;
}
