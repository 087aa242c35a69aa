/**
 * Wildcard patterns of selections (`*` any run of characters, optionally `?` one character), matched by two
 * pointers instead of a regular expression: `.*` repeated in a backtracking regex takes time exponential in the
 * number of stars (60 stars and a mismatch froze the server for over a minute), while this takes at most
 * text length × (text length + pattern length) steps, whatever the pattern.
 */

export interface GlobOptions {
  /** `?` matches any one character (PxWeb API 2.0); otherwise it is a literal question mark (API v1's `all`). */
  readonly anyOne?: boolean;
  /** Compare without regard to case. */
  readonly ignoreCase?: boolean;
}

/** True when the pattern has a wildcard (a pattern without one only matches itself). */
export function hasWildcard(pattern: string, options: GlobOptions = {}): boolean {
  return pattern.includes("*") || (options.anyOne === true && pattern.includes("?"));
}

/** A test of texts against one pattern; the pattern is prepared once. */
export function globMatcher(pattern: string, options: GlobOptions = {}): (text: string) => boolean {
  const fold = options.ignoreCase === true;
  // Runs of stars match what one star matches.
  const p = (fold ? pattern.toLowerCase() : pattern).replace(/\*{2,}/g, "*");
  const anyOne = options.anyOne === true;
  if (p === "*") return () => true;
  return (text) => globMatches(p, fold ? text.toLowerCase() : text, anyOne);
}

/**
 * The classic greedy match: on a mismatch, go back to the last star and let it take one more character. An earlier
 * star is never revisited, because any way the later part could match is also open from the last star.
 */
function globMatches(p: string, t: string, anyOne: boolean): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < t.length) {
    const c = p[i];
    if (c === "*") {
      star = i++;
      resume = j;
    } else if (c !== undefined && (c === t[j] || (anyOne && c === "?"))) {
      i++;
      j++;
    } else if (star !== -1) {
      i = star + 1;
      j = ++resume;
    } else return false;
  }
  while (p[i] === "*") i++;
  return i === p.length;
}
