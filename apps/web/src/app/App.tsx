/** The shell of every page: skip link, header with navigation and the language switch, the page, the footer. */
import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { canModerate, isAdministrator, SessionProvider, useSession } from "../account/session.tsx";
import { GlossaryPage } from "../glossary/GlossaryPage.tsx";
import { FooterOrigins } from "../home/DataOrigins.tsx";
import { HomePage } from "../home/HomePage.tsx";
import { otherLang } from "../lib/i18n.ts";
import { Link, pathOf, type Route, routeOf, useLocation } from "../lib/router.tsx";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { Bell } from "../notifications/Bell.tsx";
import { isReviewer, seesSubmissions } from "../submissions/view.ts";
import { Loading } from "./Status.tsx";

// The table page (selection, grid, downloads) is its own chunk: the start page ships less JavaScript.
// Opened directly on a table, its chunk loads at once, beside React's first render rather than after it.
const tablePageModule = () => import("../table/TablePage.tsx");
if (typeof window !== "undefined" && routeOf(window.location.pathname).page === "table") void tablePageModule();
const TablePage = lazy(() => tablePageModule().then((m) => ({ default: m.TablePage })));
const ComparePage = lazy(() => import("../table/history/ComparePage.tsx").then((m) => ({ default: m.ComparePage })));
// The inventory's and the accounts' pages are chunks of their own too.
const SearchPage = lazy(() => import("../inventory/SearchPage.tsx").then((m) => ({ default: m.SearchPage })));
const EntryPage = lazy(() => import("../inventory/EntryPage.tsx").then((m) => ({ default: m.EntryPage })));
const SuggestPage = lazy(() => import("../inventory/SuggestPage.tsx").then((m) => ({ default: m.SuggestPage })));
const ModerationPage = lazy(() =>
  import("../inventory/ModerationPage.tsx").then((m) => ({ default: m.ModerationPage })),
);
const SuggestionPage = lazy(() =>
  import("../inventory/SuggestionPage.tsx").then((m) => ({ default: m.SuggestionPage })),
);
const DuplicatesPage = lazy(() =>
  import("../inventory/DuplicatesPage.tsx").then((m) => ({ default: m.DuplicatesPage })),
);
const LinksPage = lazy(() => import("../inventory/LinksPage.tsx").then((m) => ({ default: m.LinksPage })));
const MirrorPage = lazy(() => import("../comparability/MirrorPage.tsx").then((m) => ({ default: m.MirrorPage })));
const SubmissionsPage = lazy(() =>
  import("../submissions/SubmissionsPage.tsx").then((m) => ({ default: m.SubmissionsPage })),
);
const SubmissionPage = lazy(() =>
  import("../submissions/SubmissionPage.tsx").then((m) => ({ default: m.SubmissionPage })),
);
const ReviewPage = lazy(() => import("../submissions/ReviewPage.tsx").then((m) => ({ default: m.ReviewPage })));
const SignInPage = lazy(() => import("../account/SignInPage.tsx").then((m) => ({ default: m.SignInPage })));
const InvitationPage = lazy(() => import("../account/InvitationPage.tsx").then((m) => ({ default: m.InvitationPage })));
const PasswordPage = lazy(() => import("../account/PasswordPage.tsx").then((m) => ({ default: m.PasswordPage })));
const UsersPage = lazy(() => import("../admin/UsersPage.tsx").then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import("../admin/AuditPage.tsx").then((m) => ({ default: m.AuditPage })));
const NotificationsPage = lazy(() =>
  import("../notifications/NotificationsPage.tsx").then((m) => ({ default: m.NotificationsPage })),
);
const AvailabilityPage = lazy(() =>
  import("../comparability/AvailabilityPage.tsx").then((m) => ({ default: m.AvailabilityPage })),
);
const ConsistencyPage = lazy(() =>
  import("../comparability/ConsistencyPage.tsx").then((m) => ({ default: m.ConsistencyPage })),
);
const CountryPage = lazy(() => import("../comparability/CountryPage.tsx").then((m) => ({ default: m.CountryPage })));
const CountriesPage = lazy(() =>
  import("../comparability/CountriesPage.tsx").then((m) => ({ default: m.CountriesPage })),
);

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { pathname, search } = useLocation();
  const route = routeOf(pathname);
  const { t, i18n } = useTranslation();
  if (i18n.language !== route.lang) void i18n.changeLanguage(route.lang);

  useEffect(() => {
    document.documentElement.lang = route.lang;
  }, [route.lang]);

  // The language switch keeps the page and its whole state (the query string).
  const switchHref = `/${otherLang(route.lang)}${pathname.replace(/^\/(en|ru)(?=\/|$)/, "")}${search}`;

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link className="site-name" href={pathOf({ page: "home", lang: route.lang })}>
            <span className="site-name__full">{t("app.name")}</span>
            <span className="site-name__short">{t("app.shortName")}</span>
          </Link>
          <nav aria-label={t("app.nav.label")} className="site-nav">
            <Link href={pathOf({ page: "home", lang: route.lang })} aria-current={ariaCurrent(route, "home")}>
              {t("app.nav.tables")}
            </Link>
            <Link href={pathOf({ page: "glossary", lang: route.lang })} aria-current={ariaCurrent(route, "glossary")}>
              {t("app.nav.glossary")}
            </Link>
            <Link href={pathOf({ page: "inventory", lang: route.lang })} aria-current={ariaCurrent(route, "inventory")}>
              {t("app.nav.institutions")}
            </Link>
            <Link
              href={pathOf({ page: "availability", lang: route.lang })}
              aria-current={ariaCurrent(route, "availability")}
            >
              {t("comparability.nav")}
            </Link>
            <a href="/api/docs">{t("app.nav.api")}</a>
            <Link
              href={switchHref}
              lang={otherLang(route.lang)}
              hrefLang={otherLang(route.lang)}
              title={t("app.switchLanguageLabel")}
              className="lang-switch"
            >
              {t("app.switchLanguage")}
            </Link>
            <Account route={route} />
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} search={search} />
      </main>
      <footer className="site-footer">
        <FooterOrigins lang={route.lang} />
      </footer>
    </>
  );
}

const ariaCurrent = (route: Route, page: Route["page"]) => (route.page === page ? "page" : undefined);

const OWN_TITLE: ReadonlySet<Route["page"]> = new Set([
  "table",
  "table-compare",
  "inventory",
  "institution",
  "suggest",
  "signin",
  "moderation",
  "suggestion",
  "duplicates",
  "links",
  "invitation",
  "password",
  "users",
  "audit",
  "submissions",
  "submission",
  "review",
  "notifications",
  "mirror",
  "mirror-pair",
  "availability",
  "countries",
  "country",
  "consistency",
]);

/** Sign-in, or who is signed in (with the editors' queue) and sign-out. */
function Account({ route }: { route: Route }) {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  if (user === undefined) return null;
  if (user === null) {
    return (
      <Link href={pathOf({ page: "signin", lang: route.lang })} aria-current={ariaCurrent(route, "signin")}>
        {t("app.nav.signIn")}
      </Link>
    );
  }
  return (
    <span className="site-nav__account">
      {seesSubmissions(user) && (
        <Link href={pathOf({ page: "submissions", lang: route.lang })} aria-current={ariaCurrent(route, "submissions")}>
          {t("submissions.navSubmissions")}
        </Link>
      )}
      {isReviewer(user) && (
        <Link href={pathOf({ page: "review", lang: route.lang })} aria-current={ariaCurrent(route, "review")}>
          {t("submissions.navReview")}
        </Link>
      )}
      {canModerate(user) && (
        <Link href={pathOf({ page: "moderation", lang: route.lang })} aria-current={ariaCurrent(route, "moderation")}>
          {t("app.nav.moderation")}
        </Link>
      )}
      {isAdministrator(user) && (
        <>
          <Link href={pathOf({ page: "users", lang: route.lang })} aria-current={ariaCurrent(route, "users")}>
            {t("admin.nav.users")}
          </Link>
          <Link href={pathOf({ page: "audit", lang: route.lang })} aria-current={ariaCurrent(route, "audit")}>
            {t("admin.nav.audit")}
          </Link>
        </>
      )}
      <Bell lang={route.lang} current={route.page === "notifications"} />
      <span className="site-nav__user">{user.name}</span>
      <Link href={pathOf({ page: "password", lang: route.lang })} aria-current={ariaCurrent(route, "password")}>
        {t("account.menu.password")}
      </Link>
      <button type="button" className="site-nav__signout" onClick={() => void signOut()}>
        {t("app.nav.signOut")}
      </button>
    </span>
  );
}

/** A page of its own chunk. */
const Lazy = ({ children }: { children: ReactNode }) => <Suspense fallback={<Loading />}>{children}</Suspense>;

function Page({ route, search }: { route: Route; search: string }) {
  const { t } = useTranslation();
  // A table page names the tab after its table; the inventory's and the accounts' pages name theirs too.
  useDocumentTitle(route.page === "glossary" ? t("app.nav.glossary") : undefined, OWN_TITLE.has(route.page));
  switch (route.page) {
    case "home":
      return <HomePage lang={route.lang} />;
    case "glossary":
      return <GlossaryPage lang={route.lang} search={search} />;
    case "table":
      return (
        <Suspense fallback={<Loading />}>
          <TablePage key={route.id} lang={route.lang} id={route.id} search={search} />
        </Suspense>
      );
    case "table-compare":
      return (
        <Lazy>
          <ComparePage key={route.id} lang={route.lang} id={route.id} search={search} />
        </Lazy>
      );
    case "inventory":
      return (
        <Lazy>
          <SearchPage lang={route.lang} search={search} />
        </Lazy>
      );
    case "institution":
      return (
        <Lazy>
          <EntryPage key={route.id} lang={route.lang} id={route.id} />
        </Lazy>
      );
    case "suggest":
      return (
        <Lazy>
          <SuggestPage key={search} lang={route.lang} search={search} />
        </Lazy>
      );
    case "signin":
      return (
        <Lazy>
          <SignInPage lang={route.lang} search={search} />
        </Lazy>
      );
    case "moderation":
      return (
        <Lazy>
          <ModerationPage lang={route.lang} search={search} />
        </Lazy>
      );
    case "suggestion":
      return (
        <Lazy>
          <SuggestionPage key={route.id} lang={route.lang} id={route.id} />
        </Lazy>
      );
    case "duplicates":
      return (
        <Lazy>
          <DuplicatesPage lang={route.lang} search={search} />
        </Lazy>
      );
    case "notifications":
      return (
        <Lazy>
          <NotificationsPage lang={route.lang} />
        </Lazy>
      );
    case "links":
      return (
        <Lazy>
          <LinksPage lang={route.lang} search={search} />
        </Lazy>
      );
    case "invitation":
      return (
        <Lazy>
          <InvitationPage lang={route.lang} />
        </Lazy>
      );
    case "password":
      return (
        <Lazy>
          <PasswordPage lang={route.lang} />
        </Lazy>
      );
    case "users":
      return (
        <Lazy>
          <UsersPage lang={route.lang} />
        </Lazy>
      );
    case "audit":
      return (
        <Lazy>
          <AuditPage key={search} lang={route.lang} search={search} />
        </Lazy>
      );
    case "mirror":
    case "mirror-pair":
      return (
        <Lazy>
          <MirrorPage
            lang={route.lang}
            search={search}
            {...(route.page === "mirror-pair" ? { receiver: route.receiver, sender: route.sender } : {})}
          />
        </Lazy>
      );
    case "availability":
      return (
        <Lazy>
          <AvailabilityPage lang={route.lang} search={search} />
        </Lazy>
      );
    case "countries":
      return (
        <Lazy>
          <CountriesPage lang={route.lang} />
        </Lazy>
      );
    case "country":
      return (
        <Lazy>
          <CountryPage key={route.country} lang={route.lang} country={route.country} />
        </Lazy>
      );
    case "consistency":
      return (
        <Lazy>
          <ConsistencyPage
            key={route.country}
            lang={route.lang}
            country={route.country}
            {...(route.year ? { year: route.year } : {})}
            search={search}
          />
        </Lazy>
      );
    case "submissions":
      return (
        <Lazy>
          <SubmissionsPage lang={route.lang} search={search} />
        </Lazy>
      );
    case "submission":
      return (
        <Lazy>
          <SubmissionPage key={route.id} lang={route.lang} id={route.id} />
        </Lazy>
      );
    case "review":
      return (
        <Lazy>
          <ReviewPage lang={route.lang} />
        </Lazy>
      );
    case "not-found":
      return (
        <section className="page">
          <h1>{t("app.notFound.title")}</h1>
          <p>{t("app.notFound.text")}</p>
          <p>
            <Link href={pathOf({ page: "home", lang: route.lang })}>{t("app.notFound.home")}</Link>
          </p>
        </section>
      );
  }
}
