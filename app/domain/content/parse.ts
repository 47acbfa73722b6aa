import { LineCounter, parseDocument, visit, type Document } from "yaml";
import { z } from "zod";
import type {
  Clause,
  ContentFile,
  ContentProblem,
  DueRule,
  Policy,
  Question,
  Track,
  TrainingModule,
} from "./types.ts";
import { DUTIES } from "../duties.ts";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and hyphens");
const nonEmpty = z.string().trim().min(1, "must not be empty");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

const PolicyFile = z.object({
  title: nonEmpty,
  revised: isoDate.nullable().default(null),
  clauses: z
    .array(z.object({ id: nonEmpty, heading: z.string(), text: z.string(), editorial: z.boolean().default(false) }))
    .min(1),
});

const ModuleFrontMatter = z.object({
  slug,
  title: nonEmpty,
  summary: nonEmpty,
  clauses: z.array(nonEmpty).min(1),
  audience: z.enum(["all", "managers", "system-admins", "executives"]),
  minutes: z.number().int().positive(),
});

const QuestionEntry = z.object({
  id: slug,
  type: z.enum(["single", "multiple", "truefalse"]),
  clause: nonEmpty,
  prompt: nonEmpty,
  choices: z.array(z.object({ id: z.coerce.string().pipe(nonEmpty), text: nonEmpty })).min(2),
  answer: z.union([z.array(z.coerce.string()).min(1), z.coerce.string()]),
  explanation: nonEmpty,
});

const QuestionBankFile = z.object({ module: slug, questions: z.array(QuestionEntry).min(1) });

const TrackEntry = z.object({
  id: slug,
  name: nonEmpty,
  description: nonEmpty,
  appliesTo: z.object({
    employeeTypes: z.array(nonEmpty).min(1),
    roles: z.array(z.enum(["LEARNER", "MANAGER", "HR", "ADMIN"])).default([]),
    duties: z.array(z.enum(DUTIES)).default([]),
  }),
  cycle: z.enum(["once", "fiscal-year", "appointment", "delta", "drill"]),
  skipInYearOfStart: z.boolean().default(false),
  modules: z.array(slug).min(1),
  reading: z.enum(["required", "optional"]),
  quiz: z.object({
    questions: z.number().int().positive(),
    passPercent: z.number().int().min(1).max(100),
    fixed: z.record(slug, z.number().int().positive()).optional(),
  }),
  pledge: z.boolean(),
  due: z.union([
    z.object({ daysAfter: z.number().int().min(0), from: z.enum(["start", "appointment", "assigned"]) }).strict(),
    z.object({ fiscalYearDate: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be MM-DD") }).strict(),
  ]),
});

const TracksFile = z.object({ tracks: z.array(TrackEntry).min(1) });

/** Where each parsed value came from, so later checks can name a line. */
export type SourceMap = {
  clauseLine: Map<string, number>;
  moduleLine: Map<string, { file: string; line: number }>;
  /** Line of each question, and of its answer, keyed by question index. */
  questionLines: { file: string; line: number; answerLine: number; clauseLine: number }[];
  trackLines: Map<string, { line: number; moduleLines: number[] }>;
  /** Citations in module bodies: [[id]] with file and line. */
  citations: { file: string; line: number; clause: string }[];
  policyFile: string;
};

export type ParsedContent = {
  policy: Policy | null;
  modules: TrainingModule[];
  questions: Question[];
  tracks: Track[];
  sources: SourceMap;
  problems: ContentProblem[];
};

/** A parsed YAML file with what is needed to name the line of any value in it. */
export type YamlSource = { file: string; doc: Document; lines: LineCounter; lineOffset: number };

export function readYaml(file: string, text: string, lineOffset: number, problems: ContentProblem[]): YamlSource | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      // Without prettyErrors the error carries only its offset, not its line.
      const line = error.linePos?.[0]?.line ?? lines.linePos(error.pos[0]).line;
      problems.push({ file, line: line + lineOffset, message: `YAML: ${error.message.split("\n")[0]}` });
    }
    return null;
  }
  joinFoldedJapanese(doc, text);
  return { file, doc, lines, lineOffset };
}

/** A character of Japanese text: kana, kanji, full-width punctuation and forms. */
const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/** Full-width punctuation after which Japanese never takes a space. */
const CLOSING = /[。、，．！？」』）】]/;

/** How two folded lines join: Japanese takes no space between words, so a line break there is no space. */
function joiner(before: string, after: string): string {
  const last = before.at(-1) ?? "";
  const first = after[0] ?? "";
  return CLOSING.test(last) || (JAPANESE.test(last) && JAPANESE.test(first)) ? "" : " ";
}

/**
 * YAML folds a line break inside a paragraph into a space (`>-` blocks and
 * plain scalars over several lines), which splits a Japanese sentence with a
 * half-width space learners see. This refolds such values from their source
 * text, joining at Japanese without a space and elsewhere with one. A value
 * whose source is not a plain run of lines (more-indented lines, escapes) is
 * left as YAML read it: the rebuilt text must first match YAML's own folding.
 */
export function joinFoldedJapanese(doc: Document, text: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "string" || !node.range) return;
      if (node.type !== "BLOCK_FOLDED" && node.type !== "PLAIN") return;
      const source = text.slice(node.range[0], node.range[1]).split("\n");
      const header = node.type === "BLOCK_FOLDED" ? source.shift()! : "";
      const body = source.map((line) => line.trim());
      if (node.type === "BLOCK_FOLDED" && new Set(source.filter((l) => l.trim()).map((l) => l.search(/\S/))).size > 1) {
        return;
      }
      while (body.length > 0 && body.at(-1) === "") body.pop();
      const fold = (join: (a: string, b: string) => string) => {
        let out = "";
        let blank = 0;
        for (const line of body) {
          if (line === "") {
            blank++;
            continue;
          }
          out += out === "" ? "" : blank > 0 ? "\n".repeat(blank) : join(out, line);
          out += line;
          blank = 0;
        }
        return out;
      };
      const chomp = header.includes("-") ? "" : header.includes("+") ? null : "\n";
      const ending = chomp === null ? null : (value: string) => (value === "" || node.type === "PLAIN" ? value : value + chomp);
      if (!ending) return;
      if (ending(fold(() => " ")) !== node.value) return;
      node.value = ending(fold(joiner));
    },
  });
}

/** The line of the value at `path`, or of the nearest enclosing value that exists. */
export function lineAt(source: YamlSource, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? source.doc.contents : source.doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return source.lines.linePos(range[0]).line + source.lineOffset;
  }
  return 1 + source.lineOffset;
}

/**
 * How many aliases one file may expand. Content needs few or none; a
 * "billion laughs" file (aliases of aliases) reaches the limit at once
 * instead of expanding into gigabytes.
 */
export const YAML_MAX_ALIAS_COUNT = 50;

export function validated<T>(source: YamlSource, schema: z.ZodType<T, z.ZodTypeDef, unknown>, problems: ContentProblem[]): T | null {
  let value: unknown;
  try {
    value = source.doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml package throws a ReferenceError for too many aliases (and for an alias to nothing).
    if (!(error instanceof ReferenceError)) throw error;
    problems.push({
      file: source.file,
      line: 1 + source.lineOffset,
      message: `YAML: aliases expand too far (at most ${YAML_MAX_ALIAS_COUNT}): ${error.message}`,
    });
    return null;
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({
      file: source.file,
      line: lineAt(source, issue.path),
      message: `${issue.path.join(".") || "(file)"}: ${issue.message}`,
    });
  }
  return null;
}

function splitFrontMatter(text: string): { front: string; body: string; bodyLine: number } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return null;
  const front = match[1]!;
  return { front, body: text.slice(match[0].length), bodyLine: front.split("\n").length + 3 };
}

function citationsIn(file: string, body: string, firstLine: number) {
  // Lines are counted on from the previous citation, not from the top for each one.
  let line = firstLine;
  let counted = 0;
  return [...body.matchAll(/\[\[([^[\]\n]+)\]\]/g)].map((m) => {
    for (let at = body.indexOf("\n", counted); at !== -1 && at < m.index; at = body.indexOf("\n", at + 1)) line++;
    counted = m.index;
    return { file, clause: m[1]!, line };
  });
}

function toDueRule(due: z.infer<typeof TrackEntry>["due"]): DueRule {
  return "daysAfter" in due
    ? { kind: "daysAfter", days: due.daysAfter, from: due.from }
    : { kind: "fiscalYearDate", monthDay: due.fiscalYearDate };
}

/**
 * Reads the files of content/ into typed content, collecting every
 * structural problem (bad YAML, missing or malformed fields) with its line.
 * Cross-references are checked by validateContent.
 */
export function parseContent(files: ContentFile[]): ParsedContent {
  const problems: ContentProblem[] = [];
  const sources: SourceMap = {
    clauseLine: new Map(),
    moduleLine: new Map(),
    questionLines: [],
    trackLines: new Map(),
    citations: [],
    policyFile: "policy/basic-policy.yaml",
  };
  let policy: Policy | null = null;
  const modules: TrainingModule[] = [];
  const questions: Question[] = [];
  const tracks: Track[] = [];
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));

  const policyFiles = sorted.filter((f) => /^policy\/[^/]+\.ya?ml$/.test(f.path));
  if (policyFiles.length !== 1) {
    problems.push({ file: "policy/", line: 1, message: `expected exactly one policy file, found ${policyFiles.length}` });
  }
  for (const file of policyFiles.slice(0, 1)) {
    sources.policyFile = file.path;
    const source = readYaml(file.path, file.text, 0, problems);
    const data = source && validated(source, PolicyFile, problems);
    if (source && data) {
      const clauses: Clause[] = data.clauses.map((c, order) => {
        sources.clauseLine.set(c.id, lineAt(source, ["clauses", order, "id"]));
        return { id: c.id, heading: c.heading, text: c.text.trim(), order, editorial: c.editorial };
      });
      policy = { title: data.title, revised: data.revised, clauses };
    }
  }

  for (const file of sorted.filter((f) => /^modules\/[^/]+\.md$/.test(f.path))) {
    const parts = splitFrontMatter(file.text);
    if (!parts) {
      problems.push({ file: file.path, line: 1, message: "missing front matter between --- lines" });
      continue;
    }
    const source = readYaml(file.path, parts.front, 1, problems);
    const front = source && validated(source, ModuleFrontMatter, problems);
    if (!source || !front) continue;
    const expected = file.path.slice("modules/".length, -".md".length);
    if (front.slug !== expected) {
      problems.push({ file: file.path, line: lineAt(source, ["slug"]), message: `slug "${front.slug}" must match the file name "${expected}"` });
    }
    sources.moduleLine.set(front.slug, { file: file.path, line: lineAt(source, ["slug"]) });
    sources.citations.push(
      ...front.clauses.map((clause, i) => ({ file: file.path, line: lineAt(source, ["clauses", i]), clause })),
      ...citationsIn(file.path, parts.body, parts.bodyLine),
    );
    modules.push({ ...front, body: parts.body.trim() });
  }

  for (const file of sorted.filter((f) => /^quizzes\/[^/]+\.ya?ml$/.test(f.path))) {
    const source = readYaml(file.path, file.text, 0, problems);
    const bank = source && validated(source, QuestionBankFile, problems);
    if (!source || !bank) continue;
    const expected = file.path.replace(/^quizzes\//, "").replace(/\.ya?ml$/, "");
    if (bank.module !== expected) {
      problems.push({ file: file.path, line: lineAt(source, ["module"]), message: `module "${bank.module}" must match the file name "${expected}"` });
    }
    bank.questions.forEach((q, i) => {
      sources.questionLines.push({
        file: file.path,
        line: lineAt(source, ["questions", i, "id"]),
        answerLine: lineAt(source, ["questions", i, "answer"]),
        clauseLine: lineAt(source, ["questions", i, "clause"]),
      });
      questions.push({
        id: q.id,
        moduleSlug: bank.module,
        type: q.type,
        prompt: q.prompt.trim(),
        choices: q.choices.map((c) => ({ id: c.id, text: c.text.trim() })),
        answer: Array.isArray(q.answer) ? q.answer : [q.answer],
        explanation: q.explanation.trim(),
        clause: q.clause,
      });
    });
  }

  const tracksFile = sorted.find((f) => f.path === "tracks.yaml");
  if (!tracksFile) problems.push({ file: "tracks.yaml", line: 1, message: "tracks.yaml is missing" });
  const source = tracksFile && readYaml(tracksFile.path, tracksFile.text, 0, problems);
  const data = source && validated(source, TracksFile, problems);
  if (source && data) {
    data.tracks.forEach((t, i) => {
      sources.trackLines.set(t.id, {
        line: lineAt(source, ["tracks", i, "id"]),
        moduleLines: t.modules.map((_, j) => lineAt(source, ["tracks", i, "modules", j])),
      });
      tracks.push({ ...t, due: toDueRule(t.due) });
    });
  }

  return { policy, modules, questions, tracks, sources, problems };
}
