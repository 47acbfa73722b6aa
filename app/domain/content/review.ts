import { parse } from "yaml";
import { rawItems } from "./raw.ts";
import type { ContentFile } from "./types.ts";

/**
 * 要確認: the questions and modules of a draft that cite a clause which
 * disappeared, moved or changed its text since the release the draft was
 * started from. They stay listed until the officer edits them or confirms
 * them as still right: a changed policy never silently keeps its questions.
 */

export type ReviewReason = "removed" | "changed";

export type ReviewItem = {
  kind: "question" | "module";
  key: string;
  label: string;
  clauses: { id: string; reason: ReviewReason; movedTo?: string }[];
};

function policyTitle(files: readonly ContentFile[]): string {
  const file = files.find((f) => /^policy\/[^/]+\.ya?ml$/.test(f.path));
  try {
    return String((parse(file?.text ?? "") as { title?: unknown } | null)?.title ?? "");
  } catch {
    return "";
  }
}

/**
 * The city's name as the two titles differ: "甲市情報セキュリティポリシー"
 * against "乙市情報セキュリティポリシー" gives 甲市 → 乙市. A clause
 * whose only change is the city's name has not changed for its questions.
 */
function renaming(before: string, after: string): [string, string] | null {
  let common = 0;
  while (
    common < Math.min(before.length, after.length) &&
    before[before.length - 1 - common] === after[after.length - 1 - common]
  )
    common++;
  const from = before.slice(0, before.length - common);
  const to = after.slice(0, after.length - common);
  return from && to && from !== to ? [from, to] : null;
}

export const reviewKey = (kind: ReviewItem["kind"], key: string) => `${kind}:${key}`;

export function reviewQueue(
  baseFiles: readonly ContentFile[],
  draftFiles: readonly ContentFile[],
  confirmed: ReadonlySet<string>,
): ReviewItem[] {
  const base = rawItems(baseFiles);
  const draft = rawItems(draftFiles);
  const rename = renaming(policyTitle(baseFiles), policyTitle(draftFiles));
  const normalise = (text: string) => (rename ? text.split(rename[0]).join(rename[1]) : text);
  const now = new Map(draft.clauses.map((c) => [c.id, c]));
  const byText = new Map(draft.clauses.filter((c) => c.text).map((c) => [c.text, c.id]));

  const changes = new Map<string, { id: string; reason: ReviewReason; movedTo?: string }>();
  for (const clause of base.clauses) {
    const after = now.get(clause.id);
    const text = normalise(clause.text);
    if (!after) {
      changes.set(clause.id, { id: clause.id, reason: "removed", movedTo: byText.get(text) });
    } else if (after.text !== text || after.heading !== clause.heading) {
      const movedTo = byText.get(text);
      changes.set(clause.id, { id: clause.id, reason: "changed", movedTo: movedTo !== clause.id ? movedTo : undefined });
    }
  }

  const baseQuestions = new Map(base.questions.map((q) => [q.id, JSON.stringify(q)]));
  const baseModules = new Map(base.modules.map((m) => [m.slug, JSON.stringify(m)]));
  const items: ReviewItem[] = [];
  for (const module of draft.modules) {
    // An edited module is the officer's answer to the change.
    if (baseModules.get(module.slug) !== JSON.stringify(module)) continue;
    if (confirmed.has(reviewKey("module", module.slug))) continue;
    const cited = new Set([...module.clauses, ...[...module.body.matchAll(/\[\[([^[\]\n]+)\]\]/g)].map((m) => m[1]!)]);
    const clauses = [...cited].flatMap((id) => (changes.has(id) ? [changes.get(id)!] : []));
    if (clauses.length > 0) items.push({ kind: "module", key: module.slug, label: module.title, clauses });
  }
  for (const question of draft.questions) {
    if (baseQuestions.get(question.id) !== JSON.stringify(question)) continue;
    if (confirmed.has(reviewKey("question", question.id))) continue;
    const change = changes.get(question.clause);
    if (change) items.push({ kind: "question", key: question.id, label: question.prompt, clauses: [change] });
  }
  return items;
}
