/** Loading and error states, announced to screen readers. */
import { useTranslation } from "react-i18next";

export function Loading({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <p className="status" role="status">
      {text ?? t("app.loading")}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="status status--error" role="alert">
      <p>{t("app.error", { message })}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}
