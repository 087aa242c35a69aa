/**
 * Responses to a browser that sends the session cookie may set that cookie (sliding expiry, clearing) or depend on
 * who asks, so a shared cache (a CDN in front) must not keep them; the browser's own cache still may.
 */

/** The Cache-Control to send instead of `value` (undefined: none was set) when the request had the cookie. */
export function privateCacheControl(value: string | undefined): string {
  const directives = (value ?? "")
    .split(",")
    .map((d) => d.trim())
    .filter((d) => d !== "" && d.toLowerCase() !== "public");
  if (directives.some((d) => /^(private|no-store)$/i.test(d))) return directives.join(", ");
  return ["private", ...directives].join(", ");
}
