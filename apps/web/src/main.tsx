import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./app/App.tsx";
import { createI18n, preferredLang } from "./lib/i18n.ts";
import { routeOf } from "./lib/router.tsx";
import "./styles.css";

// The server sends "/" to /en/ or /ru/ by Accept-Language; a page opened without a language (the dev server) gets
// the browser's preferred one here.
if (!/^\/(en|ru)(\/|$)/.test(window.location.pathname)) {
  const lang = preferredLang(navigator.languages);
  if (window.location.pathname === "/") window.history.replaceState(null, "", `/${lang}/${window.location.search}`);
}

const i18n = createI18n(routeOf(window.location.pathname).lang);
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}
