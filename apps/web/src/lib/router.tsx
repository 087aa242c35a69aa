/**
 * A small router over the History API: the app has a handful of pages, and the whole state of a page lives in its
 * URL (path = page, query = selection and layout), so any view can be bookmarked and shared. `navigate` pushes a
 * new entry; `replace` changes the current one (used while a user adjusts a selection, so Back leaves the page).
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";
import { isLang, type Lang } from "./i18n.ts";

export type Route =
  | { readonly page: "home"; readonly lang: Lang }
  | { readonly page: "table"; readonly lang: Lang; readonly id: string }
  | { readonly page: "table-compare"; readonly lang: Lang; readonly id: string }
  | { readonly page: "embed"; readonly lang: Lang; readonly id: string }
  | { readonly page: "glossary"; readonly lang: Lang }
  | { readonly page: "inventory"; readonly lang: Lang }
  | { readonly page: "institution"; readonly lang: Lang; readonly id: string }
  | { readonly page: "suggest"; readonly lang: Lang }
  | { readonly page: "network"; readonly lang: Lang }
  | { readonly page: "releases"; readonly lang: Lang }
  | { readonly page: "verification"; readonly lang: Lang }
  | { readonly page: "signin"; readonly lang: Lang }
  | { readonly page: "moderation"; readonly lang: Lang }
  | { readonly page: "suggestion"; readonly lang: Lang; readonly id: string }
  | { readonly page: "duplicates"; readonly lang: Lang }
  | { readonly page: "links"; readonly lang: Lang }
  | { readonly page: "invitation"; readonly lang: Lang }
  | { readonly page: "password"; readonly lang: Lang }
  | { readonly page: "users"; readonly lang: Lang }
  | { readonly page: "audit"; readonly lang: Lang }
  | { readonly page: "submissions"; readonly lang: Lang }
  | { readonly page: "submission"; readonly lang: Lang; readonly id: string }
  | { readonly page: "review"; readonly lang: Lang }
  | { readonly page: "notifications"; readonly lang: Lang }
  | { readonly page: "mirror"; readonly lang: Lang }
  | { readonly page: "mirror-pair"; readonly lang: Lang; readonly receiver: string; readonly sender: string }
  | { readonly page: "availability"; readonly lang: Lang }
  | { readonly page: "countries"; readonly lang: Lang }
  | { readonly page: "country"; readonly lang: Lang; readonly country: string }
  | { readonly page: "consistency"; readonly lang: Lang; readonly country: string; readonly year?: string }
  | { readonly page: "not-found"; readonly lang: Lang };

/** The page a path names. Pure: tested without a browser. */
export function routeOf(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean).map(safeDecode);
  const lang = isLang(parts[0]) ? parts[0] : "en";
  if (!isLang(parts[0])) return { page: "not-found", lang };
  const rest = parts.slice(1);
  if (rest.length === 0) return { page: "home", lang };
  if (rest[0] === "tables" && rest.length === 2 && rest[1]) return { page: "table", lang, id: rest[1] };
  if (rest[0] === "tables" && rest.length === 3 && rest[1] && rest[2] === "compare") {
    return { page: "table-compare", lang, id: rest[1] };
  }
  if (rest[0] === "embed" && rest[1] === "tables" && rest.length === 3 && rest[2]) {
    return { page: "embed", lang, id: rest[2] };
  }
  if (rest[0] === "glossary" && rest.length === 1) return { page: "glossary", lang };
  if (rest[0] === "signin" && rest.length === 1) return { page: "signin", lang };
  if (rest[0] === "invitation" && rest.length === 1) return { page: "invitation", lang };
  if (rest[0] === "account" && rest[1] === "password" && rest.length === 2) return { page: "password", lang };
  if (rest[0] === "admin" && rest[1] === "users" && rest.length === 2) return { page: "users", lang };
  if (rest[0] === "admin" && rest[1] === "audit" && rest.length === 2) return { page: "audit", lang };
  if (rest[0] === "notifications" && rest.length === 1) return { page: "notifications", lang };
  if (rest[0] === "availability" && rest.length === 1) return { page: "availability", lang };
  if (rest[0] === "countries" && rest.length === 1) return { page: "countries", lang };
  if (rest[0] === "countries" && rest.length === 2 && rest[1]) return { page: "country", lang, country: rest[1] };
  if (rest[0] === "consistency" && rest[1] && rest.length <= 3) {
    return rest[2]
      ? { page: "consistency", lang, country: rest[1], year: rest[2] }
      : { page: "consistency", lang, country: rest[1] };
  }
  if (rest[0] === "inventory") {
    if (rest.length === 1) return { page: "inventory", lang };
    // "suggest" is the form's address, so no institution can have that id on the web.
    if (rest.length === 2 && rest[1] === "suggest") return { page: "suggest", lang };
    // So are "network" and "releases" (who works on what, the public releases).
    if (rest.length === 2 && rest[1] === "network") return { page: "network", lang };
    if (rest.length === 2 && rest[1] === "releases") return { page: "releases", lang };
    if (rest.length === 2 && rest[1]) return { page: "institution", lang, id: rest[1] };
  }
  if (rest[0] === "moderation") {
    if (rest.length === 1) return { page: "moderation", lang };
    // Suggestion ids are numbers, so these two names never hide one.
    if (rest.length === 2 && rest[1] === "duplicates") return { page: "duplicates", lang };
    if (rest.length === 2 && rest[1] === "links") return { page: "links", lang };
    if (rest.length === 2 && rest[1] === "verification") return { page: "verification", lang };
    if (rest.length === 2 && rest[1]) return { page: "suggestion", lang, id: rest[1] };
  }
  if (rest[0] === "mirror") {
    if (rest.length === 1) return { page: "mirror", lang };
    if (rest.length === 3 && rest[1] && rest[2])
      return { page: "mirror-pair", lang, receiver: rest[1], sender: rest[2] };
  }
  if (rest[0] === "submissions") {
    if (rest.length === 1) return { page: "submissions", lang };
    if (rest.length === 2 && rest[1]) return { page: "submission", lang, id: rest[1] };
  }
  if (rest[0] === "review" && rest.length === 1) return { page: "review", lang };
  return { page: "not-found", lang };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The path of a page. */
export function pathOf(route: Route): string {
  switch (route.page) {
    case "home":
      return `/${route.lang}/`;
    case "table":
      return `/${route.lang}/tables/${encodeURIComponent(route.id)}`;
    case "table-compare":
      return `/${route.lang}/tables/${encodeURIComponent(route.id)}/compare`;
    case "embed":
      return `/${route.lang}/embed/tables/${encodeURIComponent(route.id)}`;
    case "glossary":
      return `/${route.lang}/glossary`;
    case "inventory":
      return `/${route.lang}/inventory`;
    case "institution":
      return `/${route.lang}/inventory/${encodeURIComponent(route.id)}`;
    case "suggest":
      return `/${route.lang}/inventory/suggest`;
    case "network":
      return `/${route.lang}/inventory/network`;
    case "releases":
      return `/${route.lang}/inventory/releases`;
    case "verification":
      return `/${route.lang}/moderation/verification`;
    case "signin":
      return `/${route.lang}/signin`;
    case "moderation":
      return `/${route.lang}/moderation`;
    case "suggestion":
      return `/${route.lang}/moderation/${encodeURIComponent(route.id)}`;
    case "duplicates":
      return `/${route.lang}/moderation/duplicates`;
    case "links":
      return `/${route.lang}/moderation/links`;
    case "invitation":
      return `/${route.lang}/invitation`;
    case "password":
      return `/${route.lang}/account/password`;
    case "users":
      return `/${route.lang}/admin/users`;
    case "audit":
      return `/${route.lang}/admin/audit`;
    case "submissions":
      return `/${route.lang}/submissions`;
    case "submission":
      return `/${route.lang}/submissions/${encodeURIComponent(route.id)}`;
    case "review":
      return `/${route.lang}/review`;
    case "notifications":
      return `/${route.lang}/notifications`;
    case "mirror":
      return `/${route.lang}/mirror`;
    case "mirror-pair":
      return `/${route.lang}/mirror/${encodeURIComponent(route.receiver)}/${encodeURIComponent(route.sender)}`;
    case "availability":
      return `/${route.lang}/availability`;
    case "countries":
      return `/${route.lang}/countries`;
    case "country":
      return `/${route.lang}/countries/${encodeURIComponent(route.country)}`;
    case "consistency":
      return `/${route.lang}/consistency/${encodeURIComponent(route.country)}${route.year ? `/${encodeURIComponent(route.year)}` : ""}`;
    case "not-found":
      return `/${route.lang}/`;
  }
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};
if (typeof window !== "undefined") window.addEventListener("popstate", notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on every navigation. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const q = href.indexOf("?");
  return q === -1 ? { pathname: href, search: "" } : { pathname: href.slice(0, q), search: href.slice(q) };
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", href);
  else {
    window.history.pushState(null, "", href);
    window.scrollTo(0, 0);
  }
  notify();
}

/** An anchor that navigates inside the app; a modified click (new tab, download) is left to the browser. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { onClick, href, children, ...rest } = props;
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      props.target
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} {...rest} onClick={click}>
      {children}
    </a>
  );
}
