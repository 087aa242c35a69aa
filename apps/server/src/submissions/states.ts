/**
 * The submission's states and the transitions between them (docs/decisions/0008-submissions.md), pure: given the
 * facts of a submission, who acts and what they ask, either the next state or a refusal with its HTTP status, a
 * stable code and the reason in English and Russian. The routes gather the facts and store the outcome.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──release──▶ released
 *     ▲                  │                      │
 *     └──── return ◀─────┘◀────── return ───────┘   (a returned submission is edited like a draft)
 */

import type { SubmissionState } from "./schema.ts";

export type { SubmissionState };
export const STATES: readonly SubmissionState[] = ["draft", "submitted", "returned", "approved", "released"];

export type TransitionAction = "submit" | "return" | "approve" | "release";
/** What changes a submission without changing its state. */
export type EditAction = "edit" | "discard" | "comment";

export interface Bilingual {
  readonly en: string;
  readonly ru: string;
}

/** Who acts: their id and what their role lets them do (auth/roles.ts). */
export interface Actor {
  readonly id: number;
  readonly canEdit: boolean;
  readonly canReview: boolean;
}

/** What the decision needs to know of the submission. */
export interface SubmissionFacts {
  readonly state: SubmissionState;
  readonly submittedBy: number | null;
  readonly tables: number;
  readonly errors: number;
  /** Warnings without the focal point's comment. */
  readonly uncommentedWarnings: number;
  /** Released figures the submission would change (merge.ts): a revision note is then required. */
  readonly changedReleasedFigures: number;
}

export interface TransitionInput {
  readonly revisionNote?: Bilingual | null;
  /** Return: the general comment. */
  readonly comment?: string;
  /** Approve: the embargo. */
  readonly releaseAt?: Date | null;
  readonly now: Date;
}

export type Refusal = {
  readonly ok: false;
  readonly status: 403 | 409 | 422;
  readonly code: string;
  readonly message: Bilingual;
};
export type Decision = { readonly ok: true; readonly next: SubmissionState } | Refusal;

const STATE_NAMES: Readonly<Record<SubmissionState, Bilingual>> = {
  draft: { en: "a draft", ru: "черновик" },
  submitted: { en: "submitted", ru: "на проверке" },
  returned: { en: "returned", ru: "возвращена" },
  approved: { en: "approved", ru: "одобрена" },
  released: { en: "released", ru: "опубликована" },
};

const refuse = (status: Refusal["status"], code: string, en: string, ru: string): Refusal => ({
  ok: false,
  status,
  code,
  message: { en, ru },
});

const wrongState = (state: SubmissionState, en: string, ru: string): Refusal =>
  refuse(
    409,
    "submission.state",
    `The submission is ${STATE_NAMES[state].en}: ${en}`,
    `Заявка — ${STATE_NAMES[state].ru}: ${ru}`,
  );

/** Whether the submission's tables, metadata and finding comments may change (a draft, or returned). */
export const isEditable = (state: SubmissionState): boolean => state === "draft" || state === "returned";

const filled = (text: string | undefined | null): boolean => typeof text === "string" && text.trim() !== "";

/** Whether `actor` may change the submission's contents, or discard or comment on it. */
export function decideEdit(action: EditAction, facts: Pick<SubmissionFacts, "state">, actor: Actor): Decision {
  if (action === "comment") {
    if (!actor.canEdit && !actor.canReview) return noRight();
    if (facts.state === "released")
      return wrongState(facts.state, "it takes no more comments.", "комментарии к ней больше не принимаются.");
    return { ok: true, next: facts.state };
  }
  if (!actor.canEdit) return noRight();
  if (action === "discard") {
    if (facts.state !== "draft")
      return wrongState(facts.state, "only a draft can be discarded.", "удалить можно только черновик.");
    return { ok: true, next: facts.state };
  }
  if (!isEditable(facts.state))
    return wrongState(
      facts.state,
      "only a draft or a returned submission can be changed.",
      "изменить можно только черновик или возвращённую заявку.",
    );
  return { ok: true, next: facts.state };
}

function noRight(): Refusal {
  return refuse(
    403,
    "submission.right",
    "You may not do this to a submission.",
    "Вам не разрешено это действие с заявкой.",
  );
}

function noReview(): Refusal {
  return refuse(
    403,
    "submission.review",
    "Only the secretariat (an editor or an administrator) reviews submissions.",
    "Проверяет заявки только секретариат (редактор или администратор).",
  );
}

/** The next state of `action`, or why it is refused. */
export function decideTransition(
  action: TransitionAction,
  facts: SubmissionFacts,
  actor: Actor,
  input: TransitionInput,
): Decision {
  switch (action) {
    case "submit": {
      if (!actor.canEdit) return noRight();
      if (!isEditable(facts.state))
        return wrongState(
          facts.state,
          "only a draft or a returned submission can be submitted.",
          "отправить можно только черновик или возвращённую заявку.",
        );
      if (facts.tables === 0)
        return refuse(
          422,
          "submission.empty",
          "Upload at least one table first.",
          "Сначала загрузите хотя бы одну таблицу.",
        );
      if (facts.errors > 0)
        return refuse(
          422,
          "submission.errors",
          `${facts.errors} error finding(s) stand: correct the data and upload again.`,
          `Остаются ошибки (${facts.errors}): исправьте данные и загрузите их снова.`,
        );
      if (facts.uncommentedWarnings > 0)
        return refuse(
          422,
          "submission.warnings",
          `${facts.uncommentedWarnings} warning(s) have no comment: explain each one.`,
          `Предупреждения без комментария (${facts.uncommentedWarnings}): поясните каждое.`,
        );
      if (facts.changedReleasedFigures > 0 && !(filled(input.revisionNote?.en) && filled(input.revisionNote?.ru)))
        return refuse(
          422,
          "submission.revision-note",
          `The submission changes ${facts.changedReleasedFigures} released figure(s): give a revision note in English and Russian.`,
          `Заявка изменяет опубликованные значения (${facts.changedReleasedFigures}): укажите примечание о пересмотре на английском и русском языках.`,
        );
      return { ok: true, next: "submitted" };
    }
    case "return": {
      if (!actor.canReview) return noReview();
      if (facts.state !== "submitted" && facts.state !== "approved")
        return wrongState(
          facts.state,
          "only a submitted or approved submission can be returned.",
          "вернуть можно только заявку на проверке или одобренную.",
        );
      if (!filled(input.comment))
        return refuse(
          422,
          "submission.return-comment",
          "Say why the submission is returned (comment).",
          "Укажите, почему заявка возвращается (комментарий).",
        );
      return { ok: true, next: "returned" };
    }
    case "approve": {
      if (!actor.canReview) return noReview();
      if (facts.state !== "submitted")
        return wrongState(
          facts.state,
          "only a submitted one can be approved.",
          "одобрить можно только заявку на проверке.",
        );
      if (facts.submittedBy === actor.id)
        return refuse(
          403,
          "submission.four-eyes",
          "You submitted this submission: another person must approve it (four eyes).",
          "Вы отправили эту заявку: одобрить её должен другой человек (принцип четырёх глаз).",
        );
      if (input.releaseAt && !(input.releaseAt.getTime() > input.now.getTime()))
        return refuse(
          422,
          "submission.release-at",
          "The release time (releaseAt) must be in the future; leave it out to release at once.",
          "Время публикации (releaseAt) должно быть в будущем; без него заявка публикуется сразу.",
        );
      return { ok: true, next: "approved" };
    }
    case "release": {
      if (!actor.canReview) return noReview();
      if (facts.state !== "approved")
        return wrongState(
          facts.state,
          "only an approved one can be released.",
          "опубликовать можно только одобренную заявку.",
        );
      return { ok: true, next: "released" };
    }
  }
}
