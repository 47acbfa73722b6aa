import { checkContentFiles, readContentFiles } from "~/services/content.server.ts";
import { keyIsStrictlyLongest, isActionQuestion, actionScore, longestScore, absoluteScore } from "~/domain/content/test-wiseness.ts";
const check = checkContentFiles(readContentFiles("content"));
if (!check.ok) { console.log(check.problems); process.exit(1); }
const only = process.argv[2];
for (const q of check.bundle.questions) {
  if (only && q.moduleSlug !== only) continue;
  if (q.type === "multiple") continue;
  const len = (t: string) => [...t.replace(/\s+/g, "")].length;
  if (q.type === "truefalse") { console.log(`TF ${q.id} ans=${q.answer[0]} abs=${absoluteScore(q)} | ${q.prompt.replace(/\n/g,"")}`); continue; }
  const flags = `${keyIsStrictlyLongest(q) ? "KL" : "  "} ${isActionQuestion(q) ? "ACT" + (actionScore(q)!).toFixed(2) : "       "}`;
  console.log(`${flags} ${q.id} ans=${q.answer[0]} | ${q.prompt.replace(/\n/g,"")}`);
  for (const c of q.choices) console.log(`   ${c.id === q.answer[0] ? "*" : " "}${c.id} ${String(len(c.text)).padStart(3)} ${c.text}`);
}
