/**
 * Upload of one or several files into the submission: dropped on the zone or chosen with the file input, sent
 * as one request with its progress; a refusal lists every problem with its file, sheet, row and column and the
 * codes the server suggests.
 */
import { type DragEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../app/Status.tsx";
import { formatCount, formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { type Submission, submissionsApi, type UploadProblem, UploadRefused } from "./api.ts";

type UploadState =
  | { readonly kind: "idle" }
  | { readonly kind: "sending"; readonly sent: number; readonly total: number }
  | { readonly kind: "done"; readonly names: string }
  | { readonly kind: "refused"; readonly error: unknown };

export function Upload({
  lang,
  submissionId,
  onUploaded,
}: {
  lang: Lang;
  submissionId: number | string;
  onUploaded: (submission: Submission) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<readonly File[]>([]);
  const [over, setOver] = useState(false);
  const [state, setState] = useState<UploadState>({ kind: "idle" });
  const busy = state.kind === "sending";

  const send = async (chosen: readonly File[]) => {
    if (chosen.length === 0 || busy) return;
    setState({ kind: "sending", sent: 0, total: chosen.reduce((n, f) => n + f.size, 0) });
    try {
      const submission = await submissionsApi.upload(submissionId, chosen, lang, (sent, total) =>
        setState({ kind: "sending", sent, total }),
      );
      setState({ kind: "done", names: chosen.map((f) => f.name).join(", ") });
      setFiles([]);
      if (input.current) input.current.value = "";
      onUploaded(submission);
    } catch (error) {
      setState({ kind: "refused", error });
    }
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dropped = [...event.dataTransfer.files];
    setFiles(dropped);
    void send(dropped);
  };
  const percent =
    state.kind === "sending" && state.total > 0 ? Math.min(100, Math.round((state.sent / state.total) * 100)) : 0;

  return (
    <div className="sub-upload">
      <p>{t("submissions.upload.intro")}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the zone is for the mouse; the file input beside it is the keyboard's way */}
      <div
        className={`sub-drop${over ? " sub-drop--over" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p aria-hidden="true">{t("submissions.upload.drop")}</p>
        <p aria-hidden="true">{t("submissions.upload.or")}</p>
        <label htmlFor={`${id}-files`}>{t("submissions.upload.choose")}</label>
        <input
          id={`${id}-files`}
          ref={input}
          type="file"
          multiple
          accept=".px,.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
          disabled={busy}
        />
        {files.length > 0 && (
          <p>
            {t("submissions.upload.selected", {
              count: files.length,
              n: formatCount(files.length, lang),
              names: files.map((f) => f.name).join(", "),
            })}
          </p>
        )}
        <button
          type="button"
          className="inv-form__submit"
          disabled={busy || files.length === 0}
          onClick={() => void send(files)}
        >
          {t("submissions.upload.send")}
        </button>
      </div>
      <div aria-live="polite">
        {state.kind === "sending" &&
          (percent < 100 ? (
            <p>
              <label>
                {t("submissions.upload.sending", { percent: `${formatNumber(percent, lang)} %` })}{" "}
                <progress max={100} value={percent} />
              </label>
            </p>
          ) : (
            <p>{t("submissions.upload.checking")}</p>
          ))}
        {state.kind === "done" && <p className="sub-ok">{t("submissions.upload.done", { files: state.names })}</p>}
      </div>
      {state.kind === "refused" && <UploadProblems lang={lang} error={state.error} />}
    </div>
  );
}

function UploadProblems({ lang, error }: { lang: Lang; error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof UploadRefused) || error.problems.length === 0) return <ErrorMessage error={error} />;
  const problems = error.problems;
  return (
    <div className="status status--error sub-upload__problems" role="alert">
      <p>{t("submissions.upload.refused", { message: error.message })}</p>
      <p>{t("submissions.upload.problems", { count: problems.length, n: formatCount(problems.length, lang) })}</p>
      <div className="sub-scroll">
        <table className="sub-table">
          <thead>
            <tr>
              <th scope="col">{t("submissions.upload.file")}</th>
              <th scope="col">{t("submissions.upload.sheet")}</th>
              <th scope="col">{t("submissions.upload.row")}</th>
              <th scope="col">{t("submissions.upload.column")}</th>
              <th scope="col">{t("submissions.upload.problem")}</th>
              <th scope="col">{t("submissions.upload.suggestions")}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p: UploadProblem, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the problems are a fixed list, in the server's order
              <tr key={k}>
                <td>{p.file ?? ""}</td>
                <td>{p.sheet ?? ""}</td>
                <td>{p.row != null ? formatNumber(p.row, lang) : ""}</td>
                <td>{p.column ?? ""}</td>
                <td>{p.detail}</td>
                <td>
                  {(p.suggestions ?? [])
                    .map((s) => (typeof s === "string" ? s : s.label ? `${s.code} (${s.label})` : s.code))
                    .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
