import { parseDocument } from "yaml";
import { joinFoldedJapanese } from "./parse.ts";
import type { ContentFile, DueRule, Question } from "./types.ts";

/**
 * The items of a set of content files read leniently, for the browser
 * editor: an item the validator rejects (an empty prompt, a pass mark of
 * 0) must still open in its form, with the problem beside the field, so
 * the officer can fix it. The validator (validate.ts) decides what is
 * publishable; this only finds what is there.
 */

const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const strs = (value: unknown) => (Array.isArray(value) ? value.map(str) : value === undefined ? [] : [str(value)]);
const num = (value: unknown) => (typeof value === "number" ? value : Number(value) || 0);
const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A file's data, with folded Japanese lines joined as the validator reads them; null if it does not parse. */
function yaml(text: string): unknown {
  try {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) return null;
    joinFoldedJapanese(doc, text);
    return doc.toJS();
  } catch {
    return null;
  }
}

export type RawModule = { slug: string; title: string; summary: string; clauses: string[]; body: string };
export type RawTrack = {
  id: string;
  name: string;
  modules: string[];
  quiz: { questions: number; passPercent: number };
  due: DueRule;
  appliesTo: { employeeTypes: string[]; roles: string[] };
};

export function rawItems(files: readonly ContentFile[]) {
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const policy = sorted.find((f) => /^policy\/[^/]+\.ya?ml$/.test(f.path));
  const clauses = list(obj(policy ? yaml(policy.text) : null).clauses).map((c) => ({
    id: str(obj(c).id),
    heading: str(obj(c).heading),
    text: str(obj(c).text).trim(),
  }));

  const modules: RawModule[] = sorted
    .filter((f) => /^modules\/[^/]+\.md$/.test(f.path))
    .map((f) => {
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(f.text);
      const front = obj(match ? yaml(match[1]!) : null);
      return {
        slug: f.path.slice("modules/".length, -".md".length),
        title: str(front.title),
        summary: str(front.summary),
        clauses: strs(front.clauses),
        body: (match ? f.text.slice(match[0].length) : f.text).trim(),
      };
    });

  const questions: Question[] = sorted
    .filter((f) => /^quizzes\/[^/]+\.ya?ml$/.test(f.path))
    .flatMap((f) => {
      const bank = obj(yaml(f.text));
      const moduleSlug = str(bank.module) || f.path.replace(/^quizzes\/|\.ya?ml$/g, "");
      return list(bank.questions).map((entry) => {
        const q = obj(entry);
        const type = str(q.type);
        return {
          id: str(q.id),
          moduleSlug,
          type: (["single", "multiple", "truefalse"].includes(type) ? type : "single") as Question["type"],
          prompt: str(q.prompt).trim(),
          choices: list(q.choices).map((c) => ({ id: str(obj(c).id), text: str(obj(c).text).trim() })),
          answer: strs(q.answer),
          explanation: str(q.explanation).trim(),
          clause: str(q.clause),
        };
      });
    });

  const tracksFile = sorted.find((f) => f.path === "tracks.yaml");
  const tracks: RawTrack[] = list(obj(tracksFile ? yaml(tracksFile.text) : null).tracks).map((entry) => {
    const tr = obj(entry);
    const due = obj(tr.due);
    const applies = obj(tr.appliesTo);
    const from = str(due.from);
    return {
      id: str(tr.id),
      name: str(tr.name),
      modules: strs(tr.modules),
      quiz: { questions: num(obj(tr.quiz).questions), passPercent: num(obj(tr.quiz).passPercent) },
      due:
        "fiscalYearDate" in due
          ? { kind: "fiscalYearDate", monthDay: str(due.fiscalYearDate) }
          : {
              kind: "daysAfter",
              days: num(due.daysAfter),
              from: (["start", "appointment", "assigned"].includes(from) ? from : "assigned") as
                | "start"
                | "appointment"
                | "assigned",
            },
      appliesTo: { employeeTypes: strs(applies.employeeTypes), roles: strs(applies.roles) },
    };
  });

  return { clauses, modules, questions, tracks };
}
