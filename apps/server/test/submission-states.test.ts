/** The submission's state machine (pure): every transition, who may, and every refusal in both languages. */
import { describe, expect, it } from "vitest";
import {
  type Actor,
  decideEdit,
  decideTransition,
  STATES,
  type SubmissionFacts,
  type SubmissionState,
  type TransitionAction,
} from "../src/submissions/states.ts";

const focal: Actor = { id: 1, canEdit: true, canReview: false };
const editor: Actor = { id: 2, canEdit: true, canReview: true };
const otherEditor: Actor = { id: 3, canEdit: true, canReview: true };
const now = new Date("2030-01-01T10:00:00Z");
const clean = (state: SubmissionState, more: Partial<SubmissionFacts> = {}): SubmissionFacts => ({
  state,
  submittedBy: 1,
  tables: 1,
  errors: 0,
  uncommentedWarnings: 0,
  changedReleasedFigures: 0,
  ...more,
});

const code = (d: ReturnType<typeof decideTransition>) => (d.ok ? d.next : `${d.status} ${d.code}`);

describe("transitions", () => {
  it("draft → submitted → approved → released, and back to returned from submitted or approved", () => {
    expect(code(decideTransition("submit", clean("draft"), focal, { now }))).toBe("submitted");
    expect(code(decideTransition("submit", clean("returned"), focal, { now }))).toBe("submitted");
    expect(code(decideTransition("approve", clean("submitted"), editor, { now }))).toBe("approved");
    expect(code(decideTransition("release", clean("approved"), editor, { now }))).toBe("released");
    for (const from of ["submitted", "approved"] as const)
      expect(code(decideTransition("return", clean(from), editor, { now, comment: "see 2.1" }))).toBe("returned");
  });

  it("refuses every action from every state it does not start from, with 409", () => {
    const from: Record<TransitionAction, SubmissionState[]> = {
      submit: ["draft", "returned"],
      return: ["submitted", "approved"],
      approve: ["submitted"],
      release: ["approved"],
    };
    for (const [action, allowed] of Object.entries(from) as [TransitionAction, SubmissionState[]][])
      for (const state of STATES) {
        if (allowed.includes(state)) continue;
        const d = decideTransition(action, clean(state), otherEditor, { now, comment: "x" });
        expect(code(d), `${action} from ${state}`).toBe("409 submission.state");
        if (!d.ok) expect(d.message.ru).toMatch(/[а-я]/);
      }
  });

  it("refuses a submit with no table, with errors, with uncommented warnings, or without a revision note", () => {
    expect(code(decideTransition("submit", clean("draft", { tables: 0 }), focal, { now }))).toBe(
      "422 submission.empty",
    );
    expect(code(decideTransition("submit", clean("draft", { errors: 2 }), focal, { now }))).toBe(
      "422 submission.errors",
    );
    const warned = decideTransition("submit", clean("draft", { uncommentedWarnings: 3 }), focal, { now });
    expect(code(warned)).toBe("422 submission.warnings");
    if (!warned.ok)
      expect(warned.message).toEqual({
        en: "3 warning(s) have no comment: explain each one.",
        ru: "Предупреждения без комментария (3): поясните каждое.",
      });
    const changes = clean("draft", { changedReleasedFigures: 4 });
    expect(code(decideTransition("submit", changes, focal, { now }))).toBe("422 submission.revision-note");
    expect(code(decideTransition("submit", changes, focal, { now, revisionNote: { en: "fixed", ru: " " } }))).toBe(
      "422 submission.revision-note",
    );
    expect(
      code(decideTransition("submit", changes, focal, { now, revisionNote: { en: "fixed", ru: "исправлено" } })),
    ).toBe("submitted");
  });

  it("only reviewers return, approve and release; a return needs a comment", () => {
    for (const action of ["return", "approve", "release"] as const)
      expect(code(decideTransition(action, clean("submitted"), focal, { now, comment: "x" }))).toBe(
        "403 submission.review",
      );
    expect(code(decideTransition("return", clean("submitted"), editor, { now, comment: "  " }))).toBe(
      "422 submission.return-comment",
    );
    expect(code(decideTransition("submit", clean("draft"), { id: 9, canEdit: false, canReview: false }, { now }))).toBe(
      "403 submission.right",
    );
  });

  it("four eyes: nobody approves what they submitted", () => {
    const mine = clean("submitted", { submittedBy: editor.id });
    const d = decideTransition("approve", mine, editor, { now });
    expect(code(d)).toBe("403 submission.four-eyes");
    expect(code(decideTransition("approve", mine, otherEditor, { now }))).toBe("approved");
  });

  it("an embargo must lie in the future", () => {
    const past = new Date(now.getTime() - 1000);
    expect(code(decideTransition("approve", clean("submitted"), editor, { now, releaseAt: past }))).toBe(
      "422 submission.release-at",
    );
    expect(code(decideTransition("approve", clean("submitted"), editor, { now, releaseAt: now }))).toBe(
      "422 submission.release-at",
    );
    const later = new Date(now.getTime() + 60_000);
    expect(code(decideTransition("approve", clean("submitted"), editor, { now, releaseAt: later }))).toBe("approved");
  });
});

describe("edits", () => {
  it("a draft or a returned submission is edited; submitted, approved and released ones are not", () => {
    for (const state of STATES) {
      const d = decideEdit("edit", { state }, focal);
      expect(d.ok, state).toBe(state === "draft" || state === "returned");
    }
  });
  it("only a draft is discarded; comments are taken until the release", () => {
    expect(decideEdit("discard", { state: "draft" }, focal).ok).toBe(true);
    expect(decideEdit("discard", { state: "returned" }, focal).ok).toBe(false);
    expect(decideEdit("comment", { state: "approved" }, editor).ok).toBe(true);
    expect(decideEdit("comment", { state: "released" }, editor).ok).toBe(false);
    expect(decideEdit("edit", { state: "draft" }, { id: 5, canEdit: false, canReview: true }).ok).toBe(false);
  });
});
