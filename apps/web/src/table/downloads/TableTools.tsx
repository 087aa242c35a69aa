/** Downloads of the current selection in every format, and the API calls that fetch it ("use this in code"). */
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../../app/Status.tsx";
import { tableEntry } from "../../lib/api.ts";
import type { Lang } from "../../lib/i18n.ts";
import { useAsync } from "../../lib/use-async.ts";
import type { TableMeta } from "../meta.ts";
import { type Selection, selectionItems } from "../selection/selection.ts";
import { type DataQuery, downloadLinks, fileName, NAMINGS, type Naming } from "./links.ts";
import { curlSnippet, getUrl, pythonSnippet, rSnippet, type SnippetInput } from "./snippets.ts";

export interface TableToolsProps {
  readonly lang: Lang;
  readonly meta: TableMeta;
  readonly selection: Selection;
  /** The layout shown (variables down the side and across), for the wide formats. */
  readonly layout: { readonly rows: readonly string[]; readonly columns: readonly string[] } | undefined;
  /** False while the selection cannot be fetched (too many cells, a variable with nothing selected). */
  readonly available: boolean;
  /** The past version shown, which every download and snippet reads; undefined for the current one. */
  readonly version?: number | undefined;
}

export function TableTools({ lang, meta, selection, layout, available, version }: TableToolsProps) {
  const { t } = useTranslation();
  const [codeOpen, setCodeOpen] = useState(false);
  const codeId = useId();
  const query: DataQuery = {
    id: meta.id,
    lang,
    items: selectionItems(meta, selection),
    placement: layout && { heading: layout.columns, stub: layout.rows },
    version,
  };
  return (
    <div className="table-tools">
      <div className="table-tools__bar">
        <DownloadMenu query={query} available={available} illustrative={meta.illustrative} />
        <button
          type="button"
          className="disclosure"
          aria-expanded={codeOpen}
          aria-controls={codeId}
          onClick={() => setCodeOpen(!codeOpen)}
        >
          {t("downloads.code.button")}
        </button>
      </div>
      <div id={codeId} className="code-panel" hidden={!codeOpen}>
        {codeOpen &&
          (available ? <CodeSnippets query={query} /> : <p className="status">{t("downloads.code.unavailable")}</p>)}
      </div>
    </div>
  );
}

/** A button that opens a list of download links; Escape, a click outside or leaving it by Tab closes it. */
function DownloadMenu({
  query,
  available,
  illustrative,
}: {
  query: DataQuery;
  available: boolean;
  illustrative: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [naming, setNaming] = useState<Naming>("labels");
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const links = downloadLinks(query, naming);
  const gettable = links.every((l) => l.href !== undefined);

  useEffect(() => {
    if (!open) return;
    wrapper.current?.querySelector<HTMLElement>(".download-menu__panel a[href]")?.focus();
    const outside = (target: EventTarget | null) => !(target instanceof Node && wrapper.current?.contains(target));
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => outside(event.target) && setOpen(false);
    const onFocus = (event: FocusEvent) => outside(event.target) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("focusin", onFocus);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("focusin", onFocus);
    };
  }, [open]);

  return (
    <div className="download-menu" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {t("downloads.menu.button")}
      </button>
      <div id={panelId} className="download-menu__panel" hidden={!open}>
        {!available ? (
          <p className="status">{t("downloads.menu.unavailable")}</p>
        ) : !gettable ? (
          <p className="status">{t("downloads.menu.noGet")}</p>
        ) : (
          <fieldset className="download-menu__naming">
            <legend>
              {t("downloads.menu.naming")} <span className="download-menu__hint">{t("downloads.menu.namingHint")}</span>
            </legend>
            {NAMINGS.map((n) => (
              <label key={n}>
                <input type="radio" name={`${panelId}-naming`} checked={naming === n} onChange={() => setNaming(n)} />
                {t(`downloads.menu.namings.${n}`)}
              </label>
            ))}
          </fieldset>
        )}
        <ul aria-label={t("downloads.menu.label")}>
          {links.map(({ download, href }) => (
            <li key={download.key}>
              {available && href ? (
                <a
                  href={href}
                  download={fileName(query.id, download, query.version, illustrative)}
                  onClick={() => {
                    setOpen(false);
                    button.current?.focus();
                  }}
                >
                  <span className="download-menu__name">{t(`downloads.formats.${download.key}`)}</span>
                  <span className="download-menu__hint">{t(`downloads.hints.${download.key}`)}</span>
                </a>
              ) : (
                <span className="download-menu__off">
                  <span className="download-menu__name">{t(`downloads.formats.${download.key}`)}</span>
                  <span className="download-menu__hint">{t(`downloads.hints.${download.key}`)}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The snippets of the selection; R needs the table's place in the PxWeb API v1 tree, asked for once. */
function CodeSnippets({ query }: { query: DataQuery }) {
  const { t } = useTranslation();
  const entry = useAsync(() => tableEntry(query.id, query.lang), `${query.id}:${query.lang}`);
  const input: SnippetInput = { ...query, origin: window.location.origin };
  const get = getUrl(input);
  const v1Path = entry.state === "done" ? entry.value.paths[0]?.map((step) => step.id) : undefined;
  return (
    <div className="code-panel__body">
      <p>{t("downloads.code.intro")}</p>
      <Snippet
        title={t("downloads.code.get")}
        hint={get ? t("downloads.code.getHint") : t("downloads.code.noGet")}
        code={get}
      />
      <Snippet title={t("downloads.code.curl")} code={curlSnippet(input)} />
      {entry.state === "loading" ? (
        <Loading text={t("downloads.code.loadingPath")} />
      ) : (
        <Snippet
          title={t("downloads.code.r")}
          hint={v1Path ? undefined : t("downloads.code.noPath")}
          code={v1Path && rSnippet(input, v1Path)}
        />
      )}
      <Snippet title={t("downloads.code.python")} code={pythonSnippet(input)} />
    </div>
  );
}

interface SnippetProps {
  readonly title: string;
  readonly hint?: string | undefined;
  readonly code: string | undefined;
}

/** One snippet with its Copy button: the clipboard where the browser allows it, else the text selected. */
function Snippet({ title, hint, code }: SnippetProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<"no" | "yes" | "selected">("no");
  const pre = useRef<HTMLPreElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (copied !== "yes") return;
    const timer = window.setTimeout(() => setCopied("no"), 4000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      // No clipboard (an insecure origin, or permission refused): select the code for the reader to copy.
      const range = document.createRange();
      if (pre.current) range.selectNodeContents(pre.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied("selected");
    }
  };

  return (
    <section className="snippet" aria-labelledby={headingId}>
      <div className="snippet__head">
        <h3 id={headingId}>{title}</h3>
        {code !== undefined && (
          <button type="button" onClick={() => void copy(code)}>
            {t("downloads.code.copy")}
            <span className="visually-hidden"> {title}</span>
          </button>
        )}
        <span className="snippet__status" role="status">
          {copied === "yes" ? t("downloads.code.copied") : copied === "selected" ? t("downloads.code.copyFailed") : ""}
        </span>
      </div>
      {hint && <p className="snippet__hint">{hint}</p>}
      {code !== undefined && (
        <pre ref={pre}>
          <code>{code}</code>
        </pre>
      )}
    </section>
  );
}
