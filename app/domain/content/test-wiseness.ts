/**
 * Test-wiseness: how well a learner who reads nothing does by the form of the
 * choices alone. A certificate is only worth something if such a learner
 * fails, so `npm run content:check` measures it and fails on a missed budget.
 *
 * The strategies, each scored as the probability that it picks the key:
 * - longest: on a single-choice item (more than two choices), pick the
 *   strictly longest choice; on a tie for longest, one of the tied at random.
 * - second-longest and shortest: the same by the other length ranks. Fixing
 *   "the key is the longest" by lengthening one distractor only moves the key
 *   to second place, a habit a learner picks up as quickly.
 * - action: on an action question (below), pick a choice that says 報告,
 *   相談, 連絡 or 手順, at random among those that do; when none does, at
 *   random among all.
 * - absolute: on a true/false or other two-choice item, answer 誤り when the
 *   statement has an absolute word (必ず, 絶対, 一切, すべて, 全て, 常に) or a
 *   negative (〜ない, 〜なく, 〜ません, 〜ず), and 正しい otherwise. On a two-choice
 *   item that is not 正しい/誤り, the choice with such a word is taken as the
 *   wrong one.
 * An action question is a single-choice item whose prompt asks what someone
 * does: it contains 対応, 行動, すべき, べきこと, どうしますか or まず.
 * Items a strategy does not apply to are answered by chance: 1/n for one of n
 * choices, 1/(2^n − 1) for a multiple-choice item (any non-empty set).
 */
import type { Question, Track } from "./types.ts";

export const BUDGETS = {
  /** Each strategy's share right on the single-choice items it applies to, overall. */
  singleStrategy: 0.4,
  /** The absolute-word guess on true/false items, overall. */
  trueFalseStrategy: 0.65,
  /** Single-choice items whose key is strictly the longest choice. */
  keyLongestOverall: 0.3,
  keyLongestPerBank: 0.45,
  /** The share of single-choice keys in any one position as stored, overall and in a bank of five or more. */
  keyPositionOverall: 0.4,
  keyPositionPerBank: 0.6,
  /** Passing any track's quiz by guessing alone. */
  passByGuessing: 0.01,
} as const;

const ACTION_PROMPT = /対応|行動|すべき|べきこと|どうしますか|まず/;
const ACTION_WORDS = /報告|相談|連絡|手順/;
const ABSOLUTE_WORDS = /必ず|絶対|一切|すべて|全て|常に/;
const NEGATIVE = /ない|なく|ません|ず[、。]|せず/;


export type BankReport = {
  moduleSlug: string;
  single: number;
  /** Expected number right on single-choice items by the longest, second-longest and shortest choice. */
  longest: number;
  secondLongest: number;
  shortest: number;
  /** Single-choice items whose key is strictly the longest choice. */
  keyLongest: number;
  actionItems: number;
  action: number;
  twoChoice: number;
  absolute: number;
  multiple: number;
  /** How often the key is the 1st, 2nd, … choice as stored, on single-choice items. */
  keyPositions: number[];
};

export type TrackReport = {
  trackId: string;
  questions: number;
  needed: number;
  /** Mean probability per drawn item of the best strategy, and the probability of passing with it. */
  perItem: number;
  strategy: string;
  passProbability: number;
};

export type TestWisenessReport = {
  banks: BankReport[];
  overall: BankReport;
  tracks: TrackReport[];
  /** Choices of single and multiple-choice items with an absolute word, keyed and not. */
  absoluteWords: { keys: number; distractors: number };
  /** Each budget missed, in words; empty when all are met. */
  failures: string[];
};

const length = (text: string) => [...text.replace(/\s+/g, "")].length;

const isTwoChoice = (q: Question) => q.type === "truefalse" || (q.type === "single" && q.choices.length === 2);
const isSingle = (q: Question) => q.type === "single" && q.choices.length > 2;

export function isActionQuestion(q: Question): boolean {
  return isSingle(q) && ACTION_PROMPT.test(q.prompt);
}

export function hasAbsoluteOrNegative(text: string): boolean {
  return ABSOLUTE_WORDS.test(text) || NEGATIVE.test(text);
}

function chance(q: Question): number {
  return q.type === "multiple" ? 1 / (2 ** q.choices.length - 1) : 1 / q.choices.length;
}

/** Probability that picking among `picked` (at random) hits the key; chance when nothing is picked. */
function pickAmong(q: Question, picked: string[]): number {
  if (picked.length === 0) return chance(q);
  return picked.includes(q.answer[0]!) ? 1 / picked.length : 0;
}

/** Picks the choice at `rank` by length (0 the longest, -1 the shortest); ties share the chance. */
export function lengthRankScore(q: Question, rank: number): number | null {
  if (!isSingle(q)) return null;
  const lengths = q.choices.map((c) => length(c.text)).sort((a, b) => b - a);
  const at = lengths.at(rank)!;
  return pickAmong(q, q.choices.filter((c) => length(c.text) === at).map((c) => c.id));
}

export function longestScore(q: Question): number | null {
  return lengthRankScore(q, 0);
}

export function keyIsStrictlyLongest(q: Question): boolean {
  if (!isSingle(q)) return false;
  const key = q.choices.find((c) => c.id === q.answer[0]);
  if (!key) return false;
  return q.choices.every((c) => c.id === key.id || length(c.text) < length(key.text));
}

export function actionScore(q: Question): number | null {
  if (!isActionQuestion(q)) return null;
  return pickAmong(q, q.choices.filter((c) => ACTION_WORDS.test(c.text)).map((c) => c.id));
}

export function absoluteScore(q: Question): number | null {
  if (!isTwoChoice(q)) return null;
  if (q.type === "truefalse") {
    const [yes, no] = q.choices;
    const guess = hasAbsoluteOrNegative(q.prompt) ? no : yes;
    return guess && q.answer[0] === guess.id ? 1 : 0;
  }
  // Two choices that are statements: the one with the absolute or negative word is guessed wrong.
  return pickAmong(q, q.choices.filter((c) => !hasAbsoluteOrNegative(c.text)).map((c) => c.id));
}

const STRATEGIES = {
  longest: (q: Question) => longestScore(q),
  "second-longest": (q: Question) => lengthRankScore(q, 1),
  shortest: (q: Question) => lengthRankScore(q, -1),
  action: (q: Question) => actionScore(q),
  absolute: (q: Question) => absoluteScore(q),
  // The three together, each where it applies: the action pick on action questions.
  combined: (q: Question) => actionScore(q) ?? longestScore(q) ?? absoluteScore(q),
} as const;

function bankReport(moduleSlug: string, questions: readonly Question[]): BankReport {
  const report: BankReport = {
    moduleSlug,
    single: 0,
    longest: 0,
    secondLongest: 0,
    shortest: 0,
    keyLongest: 0,
    actionItems: 0,
    action: 0,
    twoChoice: 0,
    absolute: 0,
    multiple: 0,
    keyPositions: [0, 0, 0, 0],
  };
  for (const q of questions) {
    if (q.type === "multiple") report.multiple++;
    const longest = longestScore(q);
    if (longest !== null) {
      report.single++;
      report.longest += longest;
      report.secondLongest += lengthRankScore(q, 1)!;
      report.shortest += lengthRankScore(q, -1)!;
      if (keyIsStrictlyLongest(q)) report.keyLongest++;
      const position = q.choices.findIndex((c) => c.id === q.answer[0]);
      while (report.keyPositions.length <= position) report.keyPositions.push(0);
      report.keyPositions[position]!++;
    }
    const action = actionScore(q);
    if (action !== null) {
      report.actionItems++;
      report.action += action;
    }
    const absolute = absoluteScore(q);
    if (absolute !== null) {
      report.twoChoice++;
      report.absolute += absolute;
    }
  }
  return report;
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialAtLeast(n: number, k: number, p: number): number {
  let total = 0;
  let coefficient = 1;
  for (let i = 0; i <= n; i++) {
    if (i > 0) coefficient = (coefficient * (n - i + 1)) / i;
    if (i >= k) total += coefficient * p ** i * (1 - p) ** (n - i);
  }
  return Math.min(1, total);
}

/**
 * Expected number of questions each bank gives a draw of `count`, by the
 * quiz's rule (app/domain/quiz.ts): equal shares, a bank too small gives all
 * it has, and the remainder goes to banks chosen at random (so each open bank
 * expects an equal part of it).
 */
export function expectedQuotas(sizes: readonly number[], count: number): number[] {
  const quotas = sizes.map(() => 0);
  let open = sizes.map((_, i) => i);
  let remaining = Math.min(count, sizes.reduce((a, b) => a + b, 0));
  while (open.length > 0) {
    const share = Math.floor(remaining / open.length);
    const small = open.filter((i) => sizes[i]! <= share);
    if (small.length === 0) {
      for (const i of open) quotas[i] = share + (remaining - share * open.length) / open.length;
      break;
    }
    for (const i of small) {
      quotas[i] = sizes[i]!;
      remaining -= sizes[i]!;
    }
    open = open.filter((i) => sizes[i]! > share);
  }
  return quotas;
}

function trackReport(track: Track, bySlug: Map<string, Question[]>): TrackReport {
  const banks = track.modules.map((slug) => bySlug.get(slug) ?? []);
  // Modules the track fixes give exactly their number; the rest spread over the others.
  const fixed = track.quiz.fixed ?? {};
  const fixedTotal = Object.values(fixed).reduce((a, b) => a + b, 0);
  const spread = expectedQuotas(
    banks.map((b, i) => (track.modules[i]! in fixed ? 0 : b.length)),
    track.quiz.questions - fixedTotal,
  );
  const quotas = spread.map((quota, i) => fixed[track.modules[i]!] ?? quota);
  const n = Math.round(quotas.reduce((a, b) => a + b, 0));
  const needed = Math.ceil((track.quiz.passPercent * n) / 100);
  let best: TrackReport = { trackId: track.id, questions: n, needed, perItem: 0, strategy: "chance", passProbability: 0 };
  for (const [name, strategy] of Object.entries(STRATEGIES)) {
    let expected = 0;
    banks.forEach((bank, i) => {
      if (bank.length === 0) return;
      const mean = bank.reduce((sum, q) => sum + (strategy(q) ?? chance(q)), 0) / bank.length;
      expected += mean * quotas[i]!;
    });
    const perItem = n === 0 ? 0 : expected / n;
    const passProbability = binomialAtLeast(n, needed, perItem);
    if (passProbability > best.passProbability) best = { ...best, perItem, strategy: name, passProbability };
  }
  return best;
}

function sum(reports: readonly BankReport[]): BankReport {
  const total = bankReport("(all)", []);
  for (const r of reports) {
    total.single += r.single;
    total.longest += r.longest;
    total.secondLongest += r.secondLongest;
    total.shortest += r.shortest;
    total.keyLongest += r.keyLongest;
    total.actionItems += r.actionItems;
    total.action += r.action;
    total.twoChoice += r.twoChoice;
    total.absolute += r.absolute;
    total.multiple += r.multiple;
    r.keyPositions.forEach((count, i) => {
      while (total.keyPositions.length <= i) total.keyPositions.push(0);
      total.keyPositions[i]! += count;
    });
  }
  return total;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Measures every bank and every track against the budgets. */
export function measureTestWiseness(questions: readonly Question[], tracks: readonly Track[]): TestWisenessReport {
  const bySlug = new Map<string, Question[]>();
  for (const q of questions) bySlug.set(q.moduleSlug, [...(bySlug.get(q.moduleSlug) ?? []), q]);
  const banks = [...bySlug].map(([slug, qs]) => bankReport(slug, qs)).sort((a, b) => a.moduleSlug.localeCompare(b.moduleSlug));
  const overall = sum(banks);
  const trackReports = tracks.map((t) => trackReport(t, bySlug));
  const absoluteWords = { keys: 0, distractors: 0 };
  for (const q of questions.filter((q) => q.type !== "truefalse")) {
    for (const choice of q.choices.filter((c) => ABSOLUTE_WORDS.test(c.text))) {
      if (q.answer.includes(choice.id)) absoluteWords.keys++;
      else absoluteWords.distractors++;
    }
  }

  const failures: string[] = [];
  const over = (what: string, value: number, budget: number) => {
    if (value > budget) failures.push(`${what}: ${pct(value)} > ${pct(budget)}`);
  };
  over("longest choice on single choice, overall", share(overall.longest, overall.single), BUDGETS.singleStrategy);
  over("second-longest choice on single choice, overall", share(overall.secondLongest, overall.single), BUDGETS.singleStrategy);
  over("shortest choice on single choice, overall", share(overall.shortest, overall.single), BUDGETS.singleStrategy);
  over("報告/相談 pick on action questions, overall", share(overall.action, overall.actionItems), BUDGETS.singleStrategy);
  over("absolute-word guess on true/false, overall", share(overall.absolute, overall.twoChoice), BUDGETS.trueFalseStrategy);
  over("key strictly the longest, overall", share(overall.keyLongest, overall.single), BUDGETS.keyLongestOverall);
  const topPosition = (r: BankReport) => share(Math.max(...r.keyPositions), r.single);
  over("keys in one position as stored, overall", topPosition(overall), BUDGETS.keyPositionOverall);
  for (const bank of banks) {
    over(`key strictly the longest in ${bank.moduleSlug}`, share(bank.keyLongest, bank.single), BUDGETS.keyLongestPerBank);
    if (bank.single >= 5) {
      over(`keys in one position as stored in ${bank.moduleSlug}`, topPosition(bank), BUDGETS.keyPositionPerBank);
    }
  }
  for (const track of trackReports) {
    over(`passing ${track.trackId} by guessing (${track.strategy})`, track.passProbability, BUDGETS.passByGuessing);
  }
  return { banks, overall, tracks: trackReports, absoluteWords, failures };
}

/** The report as a plain-text table for the terminal. */
export function formatTestWiseness(report: TestWisenessReport): string {
  const row = (r: BankReport) =>
    [
      r.moduleSlug.padEnd(18),
      String(r.single).padStart(3),
      pct(share(r.longest, r.single)).padStart(7),
      pct(share(r.secondLongest, r.single)).padStart(7),
      pct(share(r.shortest, r.single)).padStart(7),
      pct(share(r.keyLongest, r.single)).padStart(7),
      `${r.actionItems}`.padStart(3),
      pct(share(r.action, r.actionItems)).padStart(7),
      `${r.twoChoice}`.padStart(3),
      pct(share(r.absolute, r.twoChoice)).padStart(7),
      `${r.multiple}`.padStart(3),
      r.keyPositions.slice(0, 4).join("/").padStart(12),
    ].join(" ");
  const lines = [
    "Test-wiseness: what a learner who reads nothing scores by the form of the choices",
    `${"bank".padEnd(18)} sgl longest  2nd-l shortest keyLong act  報告等  tf  absol mul  keyPos a/b/c/d`,
    ...report.banks.map(row),
    row(report.overall),
    "",
    `${"track".padEnd(22)} draw need  per-item  P(pass)  best strategy`,
    ...report.tracks.map((t) =>
      [
        t.trackId.padEnd(22),
        String(t.questions).padStart(4),
        String(t.needed).padStart(4),
        pct(t.perItem).padStart(9),
        `${(t.passProbability * 100).toFixed(3)}%`.padStart(8),
        ` ${t.strategy}`,
      ].join(" "),
    ),
    "",
    `Absolute words (必ず, 絶対, 一切, すべて, 全て, 常に) in choices: ${report.absoluteWords.keys} keys, ` +
      `${report.absoluteWords.distractors} distractors.`,
    `Budgets: each strategy ≤ ${pct(BUDGETS.singleStrategy)} on single choice, ≤ ${pct(BUDGETS.trueFalseStrategy)} on true/false; ` +
      `key strictly longest ≤ ${pct(BUDGETS.keyLongestOverall)} overall and ≤ ${pct(BUDGETS.keyLongestPerBank)} per bank; ` +
      `keys in one stored position ≤ ${pct(BUDGETS.keyPositionOverall)} overall and ≤ ${pct(BUDGETS.keyPositionPerBank)} per bank; ` +
      `P(pass by guessing) ≤ ${pct(BUDGETS.passByGuessing)} per track.`,
  ];
  return lines.join("\n");
}
