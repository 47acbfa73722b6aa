/**
 * `npm run content:check`: validates content/ and prints each problem as
 * file:line: message, then one summary line, then the test-wiseness table
 * (app/domain/content/test-wiseness.ts). Exits 1 on any problem, any form
 * the glossary avoids (app/domain/content/glossary.ts) or missed budget.
 */
import { glossaryProblems } from "~/domain/content/glossary.ts";
import { formatTestWiseness, measureTestWiseness } from "~/domain/content/test-wiseness.ts";
import { checkContentFiles, contentDirectory, readContentFiles } from "~/services/content.server.ts";

const dir = contentDirectory();
const files = readContentFiles(dir);
const check = checkContentFiles(files);
if (!check.ok) {
  for (const p of check.problems) console.error(`${dir}/${p.file}:${p.line}: ${p.message}`);
}
const glossary = glossaryProblems(files);
for (const p of glossary) console.error(`${dir}/${p.file}:${p.line}: ${p.message}`);
const { modules, questions, leafClauses, leafClausesCovered, drillScenarios } = check.summary;
const percent = leafClauses === 0 ? 0 : Math.floor((leafClausesCovered / leafClauses) * 100);
console.log(
  `${modules} modules, ${questions} questions, ${leafClausesCovered}/${leafClauses} clauses cited by a question (${percent}%), ` +
    `${drillScenarios} drill scenarios` +
    (check.ok ? "" : ` — ${check.problems.length} problem(s)`),
);
let ok = check.ok && glossary.length === 0;
if (check.ok) {
  const report = measureTestWiseness(check.bundle.questions, check.bundle.tracks);
  console.log(`\n${formatTestWiseness(report)}`);
  for (const failure of report.failures) console.error(`test-wiseness budget missed — ${failure}`);
  ok &&= report.failures.length === 0;
}
process.exit(ok ? 0 : 1);
