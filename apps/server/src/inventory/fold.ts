/**
 * Folding of names for typo- and transliteration-tolerant matching: lower case, Cyrillic (Russian, Ukrainian,
 * Belarusian, Kazakh, Kyrgyz, Tajik letters) transliterated to Latin, common Latin diacritics dropped, and the
 * spelling variants of transliterations merged (dzh, dj, zh → j; kh → k; y → i), so that "Кыргызстан",
 * "Kyrgyzstan" and "Kirgizstan" all become "kirgizstan", and "Kazakhstan" and "Kazakstan" "kazakstan".
 *
 * The database has the same function, `inventory_fold(text)` (migration 0004), which fills the trigram column
 * `name_key`; a test checks that the two agree. Pure: no I/O.
 */

/** Cyrillic letters written as several Latin ones, replaced first. */
const MULTI: readonly (readonly [string, string])[] = [
  ["щ", "shch"],
  ["ж", "zh"],
  ["х", "kh"],
  ["ц", "ts"],
  ["ч", "ch"],
  ["ш", "sh"],
  ["ю", "yu"],
  ["я", "ya"],
];

/** One letter for one (or for none, past the end of FOLD_TO: the hard and soft signs). */
const FOLD_FROM = "абвгдеёзийклмнопрстуфыэіїєґўәғқңөұүһҷӣӯҳəçğıöşüșțăâîéèêëáàäóòôúùñłżźśćńęąъь";
const FOLD_TO = "abvgdeeziiklmnoprstufieiieguagknouuhjiuhacgiosustaaieeeeaaaooouunlzzscnea";

/** Spellings of one sound in different transliterations, merged last. */
const VARIANTS: readonly (readonly [string, string])[] = [
  ["dzh", "j"],
  ["dj", "j"],
  ["zh", "j"],
  ["kh", "k"],
  ["y", "i"],
];

const TRANSLATE = new Map<string, string>([...FOLD_FROM].map((ch, i) => [ch, FOLD_TO[i] ?? ""]));

export function foldText(text: string): string {
  let s = text.toLowerCase();
  for (const [from, to] of MULTI) s = s.replaceAll(from, to);
  s = [...s].map((ch) => TRANSLATE.get(ch) ?? ch).join("");
  for (const [from, to] of VARIANTS) s = s.replaceAll(from, to);
  return s;
}
