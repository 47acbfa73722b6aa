import { parse, parseDocument } from "yaml";
import { joinFoldedJapanese, YAML_MAX_ALIAS_COUNT } from "./parse.ts";
import type { ContentFile, Question } from "./types.ts";

/**
 * Edits made in the browser, applied to the content files themselves: a
 * draft is a full set of content/ files, so the validator of content:check
 * runs on it unchanged and the published release exports as the same files.
 * The YAML is edited through its document, so comments and the order of
 * keys stay as the authors wrote them.
 */

export class ContentEditError extends Error {}

function fileAt(files: readonly ContentFile[], path: string): ContentFile {
  const file = files.find((f) => f.path === path);
  if (!file) throw new ContentEditError(`no file ${path}`);
  return file;
}

function replaceFile(files: readonly ContentFile[], path: string, text: string): ContentFile[] {
  return files.map((f) => (f.path === path ? { path, text } : f));
}

function editYaml(text: string, change: (doc: ReturnType<typeof parseDocument>, data: unknown) => void): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new ContentEditError(doc.errors[0]!.message);
  // The file is written back whole: its folded Japanese must be joined as content:check reads it, or every
  // other item in the file would change by a space.
  joinFoldedJapanese(doc, text);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError) throw new ContentEditError(error.message);
    throw error;
  }
  change(doc, data);
  return doc.toString({ lineWidth: 0 });
}

const POLICY = /^policy\/[^/]+\.ya?ml$/;
const QUIZ = /^quizzes\/[^/]+\.ya?ml$/;

export function policyPath(files: readonly ContentFile[]): string {
  const file = files.find((f) => POLICY.test(f.path));
  if (!file) throw new ContentEditError("no policy file");
  return file.path;
}

/** A clause's heading and text. */
export function editClause(files: readonly ContentFile[], id: string, value: { heading: string; text: string }) {
  const path = policyPath(files);
  const text = editYaml(fileAt(files, path).text, (doc, data) => {
    const index = ((data as { clauses?: { id: unknown }[] }).clauses ?? []).findIndex((c) => String(c.id) === id);
    if (index < 0) throw new ContentEditError(`no clause ${id}`);
    doc.setIn(["clauses", index, "heading"], value.heading);
    doc.setIn(["clauses", index, "text"], value.text);
  });
  return replaceFile(files, path, text);
}

/** Where a question is: its bank's file and its index there. */
export function findQuestion(files: readonly ContentFile[], id: string): { path: string; index: number } | null {
  for (const file of files.filter((f) => QUIZ.test(f.path))) {
    try {
      const data = parse(file.text) as { questions?: { id?: unknown }[] } | null;
      const index = (data?.questions ?? []).findIndex((q) => String(q?.id) === id);
      if (index >= 0) return { path: file.path, index };
    } catch {
      // A bank that does not parse holds no question we can find; the validator reports it.
    }
  }
  return null;
}

export type QuestionEdit = Pick<Question, "type" | "prompt" | "choices" | "answer" | "explanation" | "clause">;

/** Every field of one question; its id and module stay. */
export function editQuestion(files: readonly ContentFile[], id: string, value: QuestionEdit): ContentFile[] {
  const found = findQuestion(files, id);
  if (!found) throw new ContentEditError(`no question ${id}`);
  const text = editYaml(fileAt(files, found.path).text, (doc) => {
    const at = (key: string) => ["questions", found.index, key];
    doc.setIn(at("type"), value.type);
    doc.setIn(at("clause"), value.clause);
    doc.setIn(at("prompt"), value.prompt);
    doc.setIn(at("choices"), doc.createNode(value.choices.map((c) => ({ id: c.id, text: c.text }))));
    doc.setIn(at("answer"), value.answer.length === 1 ? value.answer[0] : doc.createNode(value.answer));
    doc.setIn(at("explanation"), value.explanation);
  });
  return replaceFile(files, found.path, text);
}

/** The Markdown file of a module: front matter, then the lesson. */
const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function moduleSource(files: readonly ContentFile[], slug: string): { front: string; body: string } {
  const match = FRONT.exec(fileAt(files, `modules/${slug}.md`).text);
  if (!match) throw new ContentEditError(`modules/${slug}.md has no front matter`);
  const text = fileAt(files, `modules/${slug}.md`).text;
  return { front: match[1]!, body: text.slice(match[0].length).replace(/^\n/, "") };
}

/** A module's title, summary and lesson; its slug and cited clauses follow the lesson's [[citations]]. */
export function editModule(
  files: readonly ContentFile[],
  slug: string,
  value: { title: string; summary: string; clauses: string[]; body: string },
): ContentFile[] {
  const { front } = moduleSource(files, slug);
  const newFront = editYaml(front, (doc) => {
    doc.set("title", value.title);
    doc.set("summary", value.summary);
    doc.set("clauses", doc.createNode(value.clauses));
  }).replace(/\n$/, "");
  return replaceFile(files, `modules/${slug}.md`, `---\n${newFront}\n---\n\n${value.body.trim()}\n`);
}

export type TrackEdit = {
  modules: string[];
  quiz: { questions: number; passPercent: number };
  due: { daysAfter: number; from: "start" | "appointment" | "assigned" } | { fiscalYearDate: string };
  appliesTo: { employeeTypes: string[]; roles: string[] };
};

/** What a track draws on and who gets it: modules, quiz size, pass mark, due rule, employee types and roles. */
export function editTrack(files: readonly ContentFile[], id: string, value: TrackEdit): ContentFile[] {
  const text = editYaml(fileAt(files, "tracks.yaml").text, (doc, data) => {
    const index = ((data as { tracks?: { id: unknown }[] }).tracks ?? []).findIndex((t) => String(t.id) === id);
    if (index < 0) throw new ContentEditError(`no track ${id}`);
    const at = (...keys: string[]) => ["tracks", index, ...keys];
    doc.setIn(at("modules"), doc.createNode(value.modules));
    doc.setIn(at("quiz", "questions"), value.quiz.questions);
    doc.setIn(at("quiz", "passPercent"), value.quiz.passPercent);
    doc.setIn(at("due"), doc.createNode(value.due));
    doc.setIn(at("appliesTo", "employeeTypes"), doc.createNode(value.appliesTo.employeeTypes));
    doc.setIn(at("appliesTo", "roles"), doc.createNode(value.appliesTo.roles));
  });
  return replaceFile(files, "tracks.yaml", text);
}

/**
 * A new policy text: its title, revision date and every clause (the
 * new-city flow). A clause the pasted text gives no heading keeps the
 * heading it has now (with its 編集注 mark): a policy's own text numbers
 * its items without the titles Mamori's clause tree gives them, and that
 * absence is no change.
 */
export function replacePolicy(
  files: readonly ContentFile[],
  value: { title: string; revised: string | null; clauses: { id: string; heading: string; text: string }[] },
): ContentFile[] {
  const path = policyPath(files);
  const text = editYaml(fileAt(files, path).text, (doc, data) => {
    const current = new Map(currentClauses(data).map((c) => [c.id, c]));
    doc.set("title", value.title);
    doc.set("revised", value.revised);
    doc.set(
      "clauses",
      doc.createNode(
        value.clauses.map((c) => {
          const kept = keptHeading(c, current.get(c.id));
          return kept ? { id: c.id, heading: kept.heading, text: c.text, ...(kept.editorial ? { editorial: true } : {}) } : { id: c.id, heading: c.heading, text: c.text };
        }),
      ),
    );
  });
  return replaceFile(files, path, text);
}

type CurrentClause = { id: string; heading: string; editorial: boolean };

function currentClauses(data: unknown): CurrentClause[] {
  const clauses = (data as { clauses?: unknown } | null)?.clauses;
  return (Array.isArray(clauses) ? clauses : []).map((c: { id?: unknown; heading?: unknown; editorial?: unknown }) => ({
    id: String(c?.id ?? ""),
    heading: String(c?.heading ?? ""),
    editorial: c?.editorial === true,
  }));
}

/** The current heading a pasted clause keeps: when it gives none, or gives the same one. */
export function keptHeading(
  pasted: { heading: string },
  current: CurrentClause | undefined,
): CurrentClause | null {
  if (!current?.heading) return null;
  return !pasted.heading.trim() || pasted.heading.trim() === current.heading ? current : null;
}

/** The ids of pasted clauses that would keep their current heading, for the officer to see before applying. */
export function clausesKeepingHeadings(
  files: readonly ContentFile[],
  pasted: readonly { id: string; heading: string }[],
): { id: string; heading: string }[] {
  const source = parse(fileAt(files, policyPath(files)).text, { maxAliasCount: YAML_MAX_ALIAS_COUNT }) as unknown;
  const current = new Map(currentClauses(source).map((c) => [c.id, c]));
  return pasted.flatMap((c) => {
    const kept = keptHeading(c, current.get(c.id));
    return kept && !c.heading.trim() ? [{ id: c.id, heading: kept.heading }] : [];
  });
}
