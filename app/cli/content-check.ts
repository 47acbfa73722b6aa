/**
 * `npm run content:check`: validates content/ and prints each problem as
 * file:line: message, then one summary line. Exits 1 on any problem.
 */
import { checkContentFiles, contentDirectory, readContentFiles } from "~/services/content.server.ts";

const dir = contentDirectory();
const check = checkContentFiles(readContentFiles(dir));
if (!check.ok) {
  for (const p of check.problems) console.error(`${dir}/${p.file}:${p.line}: ${p.message}`);
}
const { modules, questions, leafClauses, leafClausesCovered, drillScenarios } = check.summary;
const percent = leafClauses === 0 ? 0 : Math.floor((leafClausesCovered / leafClauses) * 100);
console.log(
  `${modules} modules, ${questions} questions, ${leafClausesCovered}/${leafClauses} clauses cited by a question (${percent}%), ` +
    `${drillScenarios} drill scenarios` +
    (check.ok ? "" : ` — ${check.problems.length} problem(s)`),
);
process.exit(check.ok ? 0 : 1);
