/**
 * 習熟度 (mastery): how well one person knows one clause, estimated from
 * their answers on it (docs/decisions/011-mastery-model.md). Pure: the
 * answers and the moment of estimation are passed in.
 */
import type { DrawEmphasis } from "./quiz.ts";

/** One answer a person gave on a clause: a quiz question, the question of the month, or a drill outcome. */
export type ClauseAnswer = { clauseId: string; correct: boolean; at: Date };

/** The model's constants, in one place so the README and the decision record can quote them. */
export const MASTERY_MODEL = {
  /** An answer a year old counts half as much as one given today. */
  halfLifeDays: 365,
  /** The prior: as if the person had answered once right and once wrong, so one answer never decides. */
  priorRight: 1,
  priorWrong: 1,
  /** Strong: estimate at least this, on at least `strongEvidence` (decayed) answers. */
  strongEstimate: 0.8,
  strongEvidence: 2,
  /** To review: estimate below this, or the latest answer wrong. */
  reviewEstimate: 0.6,
} as const;

/**
 * strong — answered right, recently and repeatedly; review — missed (the
 * latest answer wrong, or more wrong than right); learning — answered, but
 * not often or not recently enough to count as strong; unseen — never asked.
 */
export type MasteryStatus = "strong" | "learning" | "review" | "unseen";

export const MASTERY_STATUSES: readonly MasteryStatus[] = ["strong", "learning", "review", "unseen"];

export type ClauseMastery = {
  clauseId: string;
  status: MasteryStatus;
  /** Posterior mean of the chance of answering right; the prior's 0.5 when unseen. */
  estimate: number;
  /** The decayed number of answers behind the estimate (the prior not counted). */
  evidence: number;
  /** How many answers, undecayed. */
  answers: number;
  lastAt: Date | null;
  lastCorrect: boolean | null;
};

const DAY_MS = 86_400_000;

/** How much an answer given at `at` counts at `now`: 1 today, ½ after one half-life; never more than 1. */
export function answerWeight(at: Date, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - at.getTime()) / DAY_MS);
  return 0.5 ** (ageDays / MASTERY_MODEL.halfLifeDays);
}

/** The mastery of one clause from the person's answers on it (any order; answers after `now` count as today's). */
export function clauseMastery(clauseId: string, answers: readonly ClauseAnswer[], now: Date): ClauseMastery {
  let right = 0;
  let wrong = 0;
  let last: ClauseAnswer | null = null;
  for (const answer of answers) {
    const weight = answerWeight(answer.at, now);
    if (answer.correct) right += weight;
    else wrong += weight;
    // On a tie of times a wrong answer is taken as the latest: doubt sends the person back to the clause.
    if (!last || answer.at > last.at || (answer.at.getTime() === last.at.getTime() && !answer.correct)) last = answer;
  }
  const { priorRight, priorWrong, strongEstimate, strongEvidence, reviewEstimate } = MASTERY_MODEL;
  const estimate = (priorRight + right) / (priorRight + priorWrong + right + wrong);
  const evidence = right + wrong;
  let status: MasteryStatus;
  if (!last) status = "unseen";
  else if (!last.correct || estimate < reviewEstimate) status = "review";
  // A float a hair under the threshold (0.7999…) must not deny three right answers given today.
  else if (estimate >= strongEstimate - 1e-9 && evidence >= strongEvidence - 1e-9) status = "strong";
  else status = "learning";
  return {
    clauseId,
    status,
    estimate,
    evidence,
    answers: answers.length,
    lastAt: last?.at ?? null,
    lastCorrect: last?.correct ?? null,
  };
}

/** Every clause of `clauseIds` with its mastery, in that order; answers on other clauses are ignored. */
export function masteryMap(clauseIds: readonly string[], answers: readonly ClauseAnswer[], now: Date): ClauseMastery[] {
  const byClause = new Map<string, ClauseAnswer[]>();
  for (const answer of answers) {
    const list = byClause.get(answer.clauseId);
    if (list) list.push(answer);
    else byClause.set(answer.clauseId, [answer]);
  }
  return clauseIds.map((id) => clauseMastery(id, byClause.get(id) ?? [], now));
}

export type MasteryMove = { clauseId: string; before: MasteryStatus; after: MasteryStatus };

/**
 * What moved: the clauses whose status differs between two maps of the same
 * clauses (before and after an attempt), in the order of `after`.
 */
export function masteryMoves(before: readonly ClauseMastery[], after: readonly ClauseMastery[]): MasteryMove[] {
  const earlier = new Map(before.map((m) => [m.clauseId, m.status]));
  return after.flatMap((m) => {
    const was = earlier.get(m.clauseId) ?? "unseen";
    return was === m.status ? [] : [{ clauseId: m.clauseId, before: was, after: m.status }];
  });
}

/** How many clauses are in each status. */
export function countByStatus(map: readonly ClauseMastery[]): Record<MasteryStatus, number> {
  const counts: Record<MasteryStatus, number> = { strong: 0, learning: 0, review: 0, unseen: 0 };
  for (const m of map) counts[m.status] += 1;
  return counts;
}

/** A heat-map cell with fewer people than this is not shown: a cell of two could be read as two named people. */
export const MIN_CELL_PEOPLE = 5;

/**
 * One clause in one group (an organisation, an employee type), over the people
 * who have answered on it (the unseen are not counted). All null when fewer
 * than MIN_CELL_PEOPLE: not even their number leaves the server.
 */
export type MasteryCell = {
  people: number | null;
  /** Their mean estimate. */
  estimate: number | null;
  /** The share of them whose status is strong. */
  strongShare: number | null;
};

const HIDDEN: MasteryCell = { people: null, estimate: null, strongShare: null };

/**
 * Mastery of each clause by group, from each person's map: rows are
 * `clauseIds`, columns `groupIds`, each cell the mean estimate and the share
 * of strong over the people who have answered on the clause, hidden under
 * MIN_CELL_PEOPLE.
 */
export function masteryByGroup(
  clauseIds: readonly string[],
  groupIds: readonly string[],
  people: readonly { group: string; map: readonly ClauseMastery[] }[],
): Map<string, Map<string, MasteryCell>> {
  const sums = new Map<string, { people: number; estimate: number; strong: number }>();
  for (const person of people) {
    for (const m of person.map) {
      if (m.status === "unseen") continue;
      const key = `${m.clauseId}\u0000${person.group}`;
      const sum = sums.get(key) ?? { people: 0, estimate: 0, strong: 0 };
      sum.people += 1;
      sum.estimate += m.estimate;
      if (m.status === "strong") sum.strong += 1;
      sums.set(key, sum);
    }
  }
  return new Map(
    clauseIds.map((clauseId) => [
      clauseId,
      new Map(
        groupIds.map((group): [string, MasteryCell] => {
          const sum = sums.get(`${clauseId}\u0000${group}`);
          if (!sum || sum.people < MIN_CELL_PEOPLE) return [group, HIDDEN];
          return [
            group,
            { people: sum.people, estimate: sum.estimate / sum.people, strongShare: sum.strong / sum.people },
          ];
        }),
      ),
    ]),
  );
}

/**
 * What a person's map asks of their next refresher's draw: missed clauses
 * (to review) weigh more, strong ones less, and those not answered within a
 * year are covered first.
 */
export function drawEmphasis(map: readonly ClauseMastery[], now: Date): DrawEmphasis {
  const yearAgo = now.getTime() - 365 * DAY_MS;
  return {
    weak: new Set(map.filter((m) => m.status === "review").map((m) => m.clauseId)),
    strong: new Set(map.filter((m) => m.status === "strong").map((m) => m.clauseId)),
    recent: new Set(map.filter((m) => m.lastAt !== null && m.lastAt.getTime() >= yearAgo).map((m) => m.clauseId)),
  };
}
