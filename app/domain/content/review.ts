import { parse } from "yaml";
import type { MessageKey } from "~/lib/i18n.ts";
import { rawItems } from "./raw.ts";
import { cityRenaming, classifyClauseChange, substance, type Renaming } from "./clause-change.ts";
import type { ContentFile } from "./types.ts";

/**
 * 要確認: the questions and modules of a draft that cite a clause which
 * disappeared, moved or changed its text since the release the draft was
 * started from. They stay listed until the officer edits them or confirms
 * them as still right: a changed policy never silently keeps its questions.
 * Only a change of substance counts (clause-change.ts): a clause whose
 * heading alone changed is listed apart, and one that differs only by the
 * city's name is not listed at all. A module or question that still names
 * the old city is listed, whatever it cites.
 */

export type ReviewReason = "removed" | "changed" | "oldName";

export type ReviewItem = {
  kind: "question" | "module";
  key: string;
  label: string;
  clauses: { id: string; reason: ReviewReason; movedTo?: string }[];
};

export function policyTitle(files: readonly ContentFile[]): string {
  const file = files.find((f) => /^policy\/[^/]+\.ya?ml$/.test(f.path));
  try {
    return String((parse(file?.text ?? "") as { title?: unknown } | null)?.title ?? "");
  } catch {
    return "";
  }
}

/** The city's renaming between two sets of content files, read from their policy titles. */
export function filesRenaming(baseFiles: readonly ContentFile[], draftFiles: readonly ContentFile[]): Renaming | null {
  return cityRenaming(policyTitle(baseFiles), policyTitle(draftFiles));
}

const REASON_MESSAGES = {
  removed: "review.removed",
  changed: "review.changed",
  oldName: "review.oldName",
} as const satisfies Record<ReviewReason, MessageKey>;

/** The catalogue's sentence for each reason an item is listed. */
export const reviewReasonKey = (reason: ReviewReason) => REASON_MESSAGES[reason];

export const reviewKey = (kind: ReviewItem["kind"], key: string) => `${kind}:${key}`;

export type HeadingChange = { id: string; before: string; after: string };

export type Review = { items: ReviewItem[]; headings: HeadingChange[] };

export function reviewQueue(
  baseFiles: readonly ContentFile[],
  draftFiles: readonly ContentFile[],
  confirmed: ReadonlySet<string>,
): Review {
  const base = rawItems(baseFiles);
  const draft = rawItems(draftFiles);
  const rename = filesRenaming(baseFiles, draftFiles);
  const normalise = (text: string) => substance(rename ? text.split(rename[0]).join(rename[1]) : text);
  const now = new Map(draft.clauses.map((c) => [c.id, c]));
  const byText = new Map(draft.clauses.filter((c) => c.text).map((c) => [substance(c.text), c.id]));

  const changes = new Map<string, { id: string; reason: ReviewReason; movedTo?: string }>();
  const headings: HeadingChange[] = [];
  for (const clause of base.clauses) {
    const after = now.get(clause.id);
    const movedTo = byText.get(normalise(clause.text));
    if (!after) {
      changes.set(clause.id, { id: clause.id, reason: "removed", movedTo });
      continue;
    }
    const change = classifyClauseChange(clause, after, rename);
    if (change === "text") {
      changes.set(clause.id, { id: clause.id, reason: "changed", movedTo: movedTo !== clause.id ? movedTo : undefined });
    } else if (change === "heading") {
      headings.push({ id: clause.id, before: clause.heading, after: after.heading });
    }
  }

  const oldName = rename?.[0];
  const namesOldCity = (text: string) => oldName !== undefined && text.includes(oldName);
  const baseQuestions = new Map(base.questions.map((q) => [q.id, JSON.stringify(q)]));
  const baseModules = new Map(base.modules.map((m) => [m.slug, JSON.stringify(m)]));
  const items: ReviewItem[] = [];
  for (const module of draft.modules) {
    // An edited module is the officer's answer to the change.
    if (baseModules.get(module.slug) !== JSON.stringify(module)) continue;
    if (confirmed.has(reviewKey("module", module.slug))) continue;
    const cited = new Set([...module.clauses, ...[...module.body.matchAll(/\[\[([^[\]\n]+)\]\]/g)].map((m) => m[1]!)]);
    const clauses = [...cited].flatMap((id) => (changes.has(id) ? [changes.get(id)!] : []));
    if (oldName && namesOldCity(`${module.title}\n${module.summary}\n${module.body}`))
      clauses.push({ id: oldName, reason: "oldName" });
    if (clauses.length > 0) items.push({ kind: "module", key: module.slug, label: module.title, clauses });
  }
  for (const question of draft.questions) {
    if (baseQuestions.get(question.id) !== JSON.stringify(question)) continue;
    if (confirmed.has(reviewKey("question", question.id))) continue;
    const change = changes.get(question.clause);
    const clauses = change ? [change] : [];
    if (oldName && namesOldCity(JSON.stringify([question.prompt, question.choices, question.explanation])))
      clauses.push({ id: oldName, reason: "oldName" });
    if (clauses.length > 0) items.push({ kind: "question", key: question.id, label: question.prompt, clauses });
  }
  return { items, headings };
}
