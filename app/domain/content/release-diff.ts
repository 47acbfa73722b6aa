import { parseContent } from "./parse.ts";
import type { ContentFile, Question } from "./types.ts";

/**
 * What changed between two releases, for people: clauses and modules with
 * their text before and after, questions added, changed or retired. Works
 * on the releases' files, so any two releases compare, not just neighbours.
 */

export type LineChange = { kind: "same" | "added" | "removed"; text: string };

export type ReleaseDiff = {
  clauses: { id: string; change: Change; before?: string; after?: string; heading: string }[];
  modules: { slug: string; title: string; change: Change; lines: LineChange[] }[];
  questions: { id: string; moduleSlug: string; change: Change; fields: string[]; prompt: string }[];
  tracks: { id: string; name: string; change: Change }[];
};

type Change = "added" | "changed" | "removed";

/** Lines of `after` against `before` (longest common subsequence), unchanged runs kept for context. */
export function lineDiff(before: string, after: string): LineChange[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: "same", text: a[i]! });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lengths[i]![j + 1]! >= lengths[i + 1]![j]!)) {
      out.push({ kind: "added", text: b[j++]! });
    } else {
      out.push({ kind: "removed", text: a[i++]! });
    }
  }
  return out;
}

const QUESTION_FIELDS = ["type", "prompt", "choices", "answer", "explanation", "clause", "moduleSlug"] as const;

function changedFields(before: Question, after: Question): string[] {
  return QUESTION_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

function compare<T>(before: T[], after: T[], key: (item: T) => string) {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  return {
    added: after.filter((item) => !old.has(key(item))),
    both: after.flatMap((item) => (old.has(key(item)) ? [[old.get(key(item))!, item] as const] : [])),
    removed: before.filter((item) => !now.has(key(item))),
  };
}

export function diffReleases(beforeFiles: readonly ContentFile[], afterFiles: readonly ContentFile[]): ReleaseDiff {
  const before = parseContent([...beforeFiles]);
  const after = parseContent([...afterFiles]);
  const clauses = compare(before.policy?.clauses ?? [], after.policy?.clauses ?? [], (c) => c.id);
  const modules = compare(before.modules, after.modules, (m) => m.slug);
  const questions = compare(before.questions, after.questions, (q) => q.id);
  const tracks = compare(before.tracks, after.tracks, (t) => t.id);
  return {
    clauses: [
      ...clauses.added.map((c) => ({ id: c.id, heading: c.heading, change: "added" as const, after: c.text })),
      ...clauses.both
        .filter(([a, b]) => a.text !== b.text || a.heading !== b.heading)
        .map(([a, b]) => ({ id: b.id, heading: b.heading, change: "changed" as const, before: a.text, after: b.text })),
      ...clauses.removed.map((c) => ({ id: c.id, heading: c.heading, change: "removed" as const, before: c.text })),
    ],
    modules: [
      ...modules.added.map((m) => ({ slug: m.slug, title: m.title, change: "added" as const, lines: lineDiff("", m.body) })),
      ...modules.both
        .filter(([a, b]) => JSON.stringify(a) !== JSON.stringify(b))
        .map(([a, b]) => ({
          slug: b.slug,
          title: b.title,
          change: "changed" as const,
          lines: lineDiff(`# ${a.title}\n${a.summary}\n\n${a.body}`, `# ${b.title}\n${b.summary}\n\n${b.body}`),
        })),
      ...modules.removed.map((m) => ({ slug: m.slug, title: m.title, change: "removed" as const, lines: [] })),
    ],
    questions: [
      ...questions.added.map((q) => ({ id: q.id, moduleSlug: q.moduleSlug, prompt: q.prompt, change: "added" as const, fields: [] })),
      ...questions.both
        .map(([a, b]) => ({ q: b, fields: changedFields(a, b) }))
        .filter(({ fields }) => fields.length > 0)
        .map(({ q, fields }) => ({ id: q.id, moduleSlug: q.moduleSlug, prompt: q.prompt, change: "changed" as const, fields })),
      ...questions.removed.map((q) => ({ id: q.id, moduleSlug: q.moduleSlug, prompt: q.prompt, change: "removed" as const, fields: [] })),
    ],
    tracks: [
      ...tracks.added.map((t) => ({ id: t.id, name: t.name, change: "added" as const })),
      ...tracks.both
        .filter(([a, b]) => JSON.stringify(a) !== JSON.stringify(b))
        .map(([, b]) => ({ id: b.id, name: b.name, change: "changed" as const })),
      ...tracks.removed.map((t) => ({ id: t.id, name: t.name, change: "removed" as const })),
    ],
  };
}
