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
const { questions } = check.bundle;
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
const percent = ((situations.length / questions.length) * 100).toFixed(1);
console.log(`${situations.length}/${questions.length} questions put the learner in a situation (${percent}%)`);
