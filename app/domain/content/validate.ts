import { parseCityFile } from "../city.ts";
import { checkDrillScenarios, isDrillScenarioPath, type DrillScenario } from "../drills/scenario.ts";
import { parseContent, type ParsedContent } from "./parse.ts";
import type { Audience, Clause, ContentBundle, ContentFile, ContentProblem, Track } from "./types.ts";

export type ContentCheckOptions = {
  /** Employee-type codes a track may name. */
  employeeTypes: readonly string[];
  /** The fewest questions a module's bank may hold. */
  minQuestionsPerModule?: number;
};

export type ContentSummary = {
  modules: number;
  questions: number;
  /** Clauses that hold text of their own and have no sub-clauses. */
  leafClauses: number;
  /** Leaf clauses cited by at least one question. */
  leafClausesCovered: number;
  /** Drill scenario files in drills/. */
  drillScenarios: number;
};

export type ContentCheck =
  | { ok: true; bundle: ContentBundle; drillScenarios: DrillScenario[]; summary: ContentSummary }
  | { ok: false; problems: ContentProblem[]; summary: ContentSummary };

/** Clauses with no sub-clauses: the units a question must cover. */
export function leafClauses(clauses: readonly Clause[]): Clause[] {
  return clauses.filter(
    (clause) => !clauses.some((other) => other.id !== clause.id && isSubClause(other.id, clause.id)),
  );
}

/** True when `id` sits under `parent`: 6(2)ア under 6(2), 2(3) under 2. */
export function isSubClause(id: string, parent: string): boolean {
  return id.startsWith(parent) && /^[(（ア-ン]/.test(id.slice(parent.length));
}

function duplicates<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const seen = new Map<string, T[]>();
  for (const item of items) seen.set(key(item), [...(seen.get(key(item)) ?? []), item]);
  return new Map([...seen].filter(([, group]) => group.length > 1));
}

function crossCheck(parsed: ParsedContent, options: ContentCheckOptions): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const { policy, modules, questions, tracks, sources } = parsed;
  const policyFile = sources.policyFile;
  const clauseIds = new Set(policy?.clauses.map((c) => c.id) ?? []);
  const moduleSlugs = new Set(modules.map((m) => m.slug));
  const questionLine = (index: number) => sources.questionLines[index]!;

  for (const [id] of duplicates(policy?.clauses ?? [], (c) => c.id)) {
    problems.push({ file: policyFile, line: sources.clauseLine.get(id) ?? 1, message: `duplicate clause id "${id}"` });
  }
  for (const clause of leafClauses(policy?.clauses ?? [])) {
    if (!clause.text) problems.push({ file: policyFile, line: sources.clauseLine.get(clause.id) ?? 1, message: `clause ${clause.id} has no text` });
  }

  // A heading without text of its own (7 is only the title of 7(1)–7(3)) carries no fact to cite.
  const textless = new Set(policy?.clauses.filter((c) => !c.text).map((c) => c.id) ?? []);
  const textlessProblem = (id: string) => `cites clause "${id}", which has no text of its own; cite the sub-clause that carries the fact`;
  if (policy) {
    for (const citation of sources.citations) {
      if (!clauseIds.has(citation.clause)) {
        problems.push({ file: citation.file, line: citation.line, message: `cites clause "${citation.clause}", which the policy does not have` });
      } else if (textless.has(citation.clause)) {
        problems.push({ file: citation.file, line: citation.line, message: textlessProblem(citation.clause) });
      }
    }
  }

  const questionsByModule = new Map<string, number>();
  questions.forEach((question, index) => {
    const where = questionLine(index);
    questionsByModule.set(question.moduleSlug, (questionsByModule.get(question.moduleSlug) ?? 0) + 1);
    if (policy && !clauseIds.has(question.clause)) {
      problems.push({ file: where.file, line: where.clauseLine, message: `${question.id}: cites clause "${question.clause}", which the policy does not have` });
    } else if (textless.has(question.clause)) {
      problems.push({ file: where.file, line: where.clauseLine, message: `${question.id}: ${textlessProblem(question.clause)}` });
    }
    for (const [choiceId] of duplicates(question.choices, (c) => c.id)) {
      problems.push({ file: where.file, line: where.line, message: `${question.id}: duplicate choice id "${choiceId}"` });
    }
    const choiceIds = new Set(question.choices.map((c) => c.id));
    for (const answer of question.answer) {
      if (!choiceIds.has(answer)) {
        problems.push({ file: where.file, line: where.answerLine, message: `${question.id}: answer "${answer}" names no choice` });
      }
    }
    if (question.type !== "multiple" && question.answer.length !== 1) {
      problems.push({ file: where.file, line: where.answerLine, message: `${question.id}: a ${question.type} question has exactly one answer` });
    }
    if (question.type === "multiple" && new Set(question.answer).size < 2) {
      problems.push({ file: where.file, line: where.answerLine, message: `${question.id}: a multiple question has two or more answers` });
    }
    if (question.type === "truefalse" && [...choiceIds].sort().join() !== "f,t") {
      problems.push({ file: where.file, line: where.line, message: `${question.id}: a truefalse question has exactly the choices "t" and "f"` });
    }
    if (!moduleSlugs.has(question.moduleSlug)) {
      problems.push({ file: where.file, line: 1, message: `bank for module "${question.moduleSlug}", which does not exist` });
    }
  });
  const duplicateQuestions = duplicates(
    questions.map((q, index) => ({ id: q.id, index })),
    (q) => q.id,
  );
  for (const [id, group] of duplicateQuestions) {
    for (const { index } of group.slice(1)) {
      const where = questionLine(index);
      problems.push({ file: where.file, line: where.line, message: `duplicate question id "${id}"` });
    }
  }

  for (const [slug, group] of duplicates(modules, (m) => m.slug)) {
    problems.push({ file: sources.moduleLine.get(slug)?.file ?? "modules/", line: 1, message: `duplicate module slug "${slug}" (${group.length} files)` });
  }
  const minimum = options.minQuestionsPerModule ?? 8;
  for (const module of modules) {
    const count = questionsByModule.get(module.slug) ?? 0;
    if (count < minimum) {
      const where = sources.moduleLine.get(module.slug);
      problems.push({ file: where?.file ?? "modules/", line: where?.line ?? 1, message: `module "${module.slug}" has ${count} questions; at least ${minimum} are needed` });
    }
  }

  for (const [id] of duplicates(tracks, (t) => t.id)) {
    problems.push({ file: "tracks.yaml", line: sources.trackLines.get(id)?.line ?? 1, message: `duplicate track id "${id}"` });
  }
  const audienceOf = new Map(modules.map((m) => [m.slug, m.audience]));
  for (const track of tracks) {
    const where = sources.trackLines.get(track.id);
    track.modules.forEach((slug, i) => {
      if (!moduleSlugs.has(slug)) {
        problems.push({ file: "tracks.yaml", line: where?.moduleLines[i] ?? 1, message: `track "${track.id}" names module "${slug}", which does not exist` });
      }
      const audience = audienceOf.get(slug);
      // The delta track only lists candidates: a person's delta course keeps the modules of their own tracks.
      if (audience && track.cycle !== "delta" && !trackReachesOnly(track, audience)) {
        problems.push({ file: "tracks.yaml", line: where?.moduleLines[i] ?? 1, message: `track "${track.id}" names module "${slug}" (audience: ${audience}) but does not apply to that audience only` });
      }
    });
    for (const type of track.appliesTo.employeeTypes) {
      if (!options.employeeTypes.includes(type)) {
        problems.push({ file: "tracks.yaml", line: where?.line ?? 1, message: `track "${track.id}" names employee type "${type}", which does not exist` });
      }
    }
    // Drill and delta tracks are assigned on a day of their own (a click, a
    // release): only "N days after assigned" gives them a due date.
    if ((track.cycle === "drill" || track.cycle === "delta") && !(track.due.kind === "daysAfter" && track.due.from === "assigned")) {
      problems.push({ file: "tracks.yaml", line: where?.line ?? 1, message: `track "${track.id}" (cycle ${track.cycle}) must be due { daysAfter: N, from: assigned }` });
    }
    const fixed = Object.entries(track.quiz.fixed ?? {});
    for (const [slug, count] of fixed) {
      if (!track.modules.includes(slug)) {
        problems.push({ file: "tracks.yaml", line: where?.line ?? 1, message: `track "${track.id}" fixes questions from "${slug}", which is not one of its modules` });
      } else if ((questionsByModule.get(slug) ?? 0) < count) {
        problems.push({ file: "tracks.yaml", line: where?.line ?? 1, message: `track "${track.id}" draws ${count} questions from "${slug}" but it holds ${questionsByModule.get(slug) ?? 0}` });
      }
    }
    if (fixed.reduce((sum, [, count]) => sum + count, 0) > track.quiz.questions) {
      problems.push({ file: "tracks.yaml", line: where?.line ?? 1, message: `track "${track.id}" fixes more questions than its quiz draws` });
    }
    const available = track.modules.reduce((sum, slug) => sum + (questionsByModule.get(slug) ?? 0), 0);
    if (available < track.quiz.questions) {
      problems.push({ file: "tracks.yaml", line: where?.line ?? 1, message: `track "${track.id}" draws ${track.quiz.questions} questions but its modules hold ${available}` });
    }
  }

  const cited = new Set(questions.map((q) => q.clause));
  for (const clause of leafClauses(policy?.clauses ?? [])) {
    if (!cited.has(clause.id)) {
      problems.push({ file: policyFile, line: sources.clauseLine.get(clause.id) ?? 1, message: `clause ${clause.id} is cited by no question` });
    }
  }
  return problems;
}

/** True when every person a track applies to is in the module's audience. */
function trackReachesOnly(track: Track, audience: Audience): boolean {
  const only = <T>(list: readonly T[], value: T) => list.length === 1 && list[0] === value;
  switch (audience) {
    case "all":
      return true;
    case "managers":
      return only(track.appliesTo.roles, "MANAGER");
    case "system-admins":
      return only(track.appliesTo.duties, "system-admin");
    case "executives":
      return only(track.appliesTo.duties, "executive");
  }
}

function summarise(parsed: ParsedContent, drillScenarioFiles: number): ContentSummary {
  const leaves = leafClauses(parsed.policy?.clauses ?? []);
  const cited = new Set(parsed.questions.map((q) => q.clause));
  return {
    modules: parsed.modules.length,
    questions: parsed.questions.length,
    leafClauses: leaves.length,
    leafClausesCovered: leaves.filter((c) => cited.has(c.id)).length,
    drillScenarios: drillScenarioFiles,
  };
}

/**
 * Checks the content of content/ end to end: structure, then every
 * cross-reference (clauses, answers, ids, tracks) and clause coverage, and
 * the drill scenarios of drills/.
 * Problems come sorted by file and line.
 */
export function checkContent(files: ContentFile[], options: ContentCheckOptions): ContentCheck {
  const parsed = parseContent(files);
  // Drill scenarios are checked against the policy's clauses whatever else is wrong.
  const drills = checkDrillScenarios(
    files,
    new Set(parsed.policy?.clauses.map((c) => c.id) ?? []),
    cityOrganisationIds(files),
  );
  const problems = [...parsed.problems, ...crossCheck(parsed, options), ...drills.problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
  );
  const summary = summarise(parsed, files.filter((f) => isDrillScenarioPath(f.path)).length);
  if (problems.length > 0 || !parsed.policy) return { ok: false, problems, summary };
  const { policy, modules, questions, tracks } = parsed;
  return { ok: true, bundle: { policy, modules, questions, tracks }, drillScenarios: drills.scenarios, summary };
}

/** The organisation ids of city.yaml, which {{組織:id}} in a drill scenario must name; undefined without a readable file. */
function cityOrganisationIds(files: readonly ContentFile[]): ReadonlySet<string> | undefined {
  const city = files.find((f) => f.path === "city.yaml");
  if (!city) return undefined;
  try {
    return new Set(parseCityFile(city.text).organisations.map((o) => o.id));
  } catch {
    // A broken city.yaml is reported where the city is loaded; the drills are not the place.
    return undefined;
  }
}
