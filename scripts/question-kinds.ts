/**
 * `npx tsx scripts/question-kinds.ts [content-dir]`: how many questions put
 * the learner in a concrete situation, by a rule anyone can rerun.
 *
 * A question counts as a situation when its prompt, leaving out the
 * instruction 「当てはまるものをすべて選んでください。」, has at least two
 * sentences (split on 。 outside 「」): one or more that set the scene (who,
 * where, what happened) and the one that asks for the decision. A prompt of
 * one sentence ("基本方針6(1)は…何に応じて分類するとしていますか。") is recall.
 * The rule is crude on purpose: it is easy to check by reading, and the
 * listing it prints (with --list) is how a reviewer checks it.
 *
 * The share is reported for two groups of banks, because they are tested on
 * different people: the all-staff banks (modules whose front matter says
 * `audience: all`, the questions every member of staff is tested on) and the
 * role banks (managers, system-admins, executives). The all-staff share is
 * the one the content aims to keep at 70% or more.
 */
import { checkContentFiles, readContentFiles } from "~/services/content.server.ts";

const INSTRUCTION = "当てはまるものをすべて選んでください。";

/** Sentences of a prompt, ignoring 。 inside 「」 quotations. */
function sentences(prompt: string): string[] {
  const text = prompt.replace(/\s+/g, "").replace(INSTRUCTION, "");
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "「") depth++;
    if (char === "」") depth--;
    current += char;
    if (char === "。" && depth === 0) {
      out.push(current);
      current = "";
    }
  }
  if (current) out.push(current);
  return out;
}

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
const check = checkContentFiles(readContentFiles(dir));
if (!check.ok) {
  console.error("content/ has problems: run npm run content:check");
  process.exit(1);
}
const { questions, modules } = check.bundle;
const allStaff = new Set(modules.filter((m) => m.audience === "all").map((m) => m.slug));
const situations = questions.filter((q) => sentences(q.prompt).length >= 2);
if (args.includes("--list")) {
  const isSituation = new Set(situations.map((q) => q.id));
  for (const q of questions) console.log(`${isSituation.has(q.id) ? "situation" : "recall   "}  ${q.id}`);
}
const byModule = new Map<string, { all: number; situations: number }>();
for (const q of questions) {
  const entry = byModule.get(q.moduleSlug) ?? { all: 0, situations: 0 };
  entry.all++;
  if (sentences(q.prompt).length >= 2) entry.situations++;
  byModule.set(q.moduleSlug, entry);
}
for (const [slug, { all, situations: s }] of byModule)
  console.log(`${String(s).padStart(3)}/${String(all).padEnd(3)} ${slug}`);
const share = (part: number, whole: number) => `${part}/${whole} (${((part / whole) * 100).toFixed(1)}%)`;
for (const [label, inGroup] of [
  ["all-staff banks", (slug: string) => allStaff.has(slug)],
  ["role banks", (slug: string) => !allStaff.has(slug)],
] as const) {
  const group = questions.filter((q) => inGroup(q.moduleSlug));
  const count = situations.filter((q) => inGroup(q.moduleSlug)).length;
  console.log(`${label}: ${share(count, group.length)} put the learner in a situation`);
}
console.log(`all banks: ${share(situations.length, questions.length)} put the learner in a situation`);
