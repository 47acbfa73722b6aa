import type { ContentProblem } from "./types.ts";

/**
 * The validator's problems (written in English for the content:check
 * command line) in Japanese for the browser editor, each placed beside the
 * item and field it is about. The validator stays the one source of truth:
 * this only reads its messages.
 */

export type ProblemTarget =
  | { kind: "clause"; key: string }
  | { kind: "module"; key: string }
  | { kind: "question"; key: string; field?: QuestionField }
  | { kind: "track"; key: string }
  | { kind: "file"; key: string };

export type QuestionField = "type" | "prompt" | "choices" | "answer" | "explanation" | "clause";

export type LocatedProblem = { target: ProblemTarget; message: string; file: string; line: number };

const FIELD_NAMES: Record<string, string> = {
  id: "ID",
  type: "形式",
  clause: "条項",
  prompt: "問題文",
  choices: "選択肢",
  answer: "正解",
  explanation: "解説",
  title: "題名",
  summary: "概要",
  clauses: "条項",
  heading: "見出し",
  text: "本文",
  modules: "モジュール",
  quiz: "修了テスト",
  due: "期限",
};

const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^duplicate clause id "(.+)"$/, (m) => `条項番号「${m[1]}」が重複しています。`],
  [/^clause (.+) has no text$/, (m) => `条項 ${m[1]} に本文がありません。`],
  [/^clause (.+) is cited by no question$/, (m) => `条項 ${m[1]} を根拠とする設問がありません。`],
  [/^(?:.+: )?cites clause "(.+)", which the policy does not have$/, (m) => `基本方針にない条項「${m[1]}」を引用しています。`],
  [/^.+: duplicate choice id "(.+)"$/, (m) => `選択肢の記号「${m[1]}」が重複しています。`],
  [/^.+: answer "(.+)" names no choice$/, (m) => `正解「${m[1]}」に当たる選択肢がありません。`],
  [/^.+: a (single|truefalse) question has exactly one answer$/, () => "この形式の設問の正解は一つです。"],
  [/^.+: a multiple question has two or more answers$/, () => "複数選択の設問には正解が二つ以上必要です。"],
  [/^.+: a truefalse question has exactly the choices "t" and "f"$/, () => "正誤問題の選択肢は「t」と「f」の二つです。"],
  [/^bank for module "(.+)", which does not exist$/, (m) => `モジュール「${m[1]}」がありません。`],
  [/^duplicate question id "(.+)"$/, (m) => `設問ID「${m[1]}」が重複しています。`],
  [/^duplicate module slug "(.+)" \(\d+ files\)$/, (m) => `モジュール「${m[1]}」が重複しています。`],
  [/^module "(.+)" has (\d+) questions; at least (\d+) are needed$/, (m) => `モジュール「${m[1]}」の設問は${m[2]}問です。${m[3]}問以上必要です。`],
  [/^duplicate track id "(.+)"$/, (m) => `研修コース「${m[1]}」が重複しています。`],
  [/^track "(.+)" names module "(.+)", which does not exist$/, (m) => `モジュール「${m[2]}」はありません。`],
  [/^track "(.+)" names employee type "(.+)", which does not exist$/, (m) => `任用形態「${m[2]}」はありません。`],
  [/^track "(.+)" draws (\d+) questions but its modules hold (\d+)$/, (m) => `出題数${m[2]}問に対し、モジュールの設問は${m[3]}問しかありません。`],
  [/^slug "(.+)" must match the file name "(.+)"$/, (m) => `スラッグ「${m[1]}」がファイル名「${m[2]}」と一致しません。`],
  [/^YAML: (.+)$/, (m) => `YAMLの書式に誤りがあります（${m[1]}）。`],
];

/** A schema message, "questions.3.explanation: must not be empty", in Japanese. */
function schemaMessage(message: string): string | null {
  const match = /^([\w.]+): (.+)$/.exec(message);
  if (!match) return null;
  const field = match[1]!.split(".").filter((part) => !/^\d+$/.test(part)).pop() ?? "";
  const name = FIELD_NAMES[field] ?? field;
  const what = match[2]!;
  if (/must not be empty|at least 1|Required/i.test(what)) return `${name}を入力してください。`;
  if (/lower-case letters/.test(what)) return `${name}は半角英小文字・数字・ハイフンで書いてください。`;
  if (/YYYY-MM-DD/.test(what)) return `${name}はYYYY-MM-DDの形で書いてください。`;
  if (/MM-DD/.test(what)) return `${name}はMM-DDの形で書いてください。`;
  return `${name}の値が正しくありません（${what}）。`;
}

export function problemInJapanese(message: string): string {
  for (const [pattern, render] of RULES) {
    const match = pattern.exec(message);
    if (match) return render(match);
  }
  return schemaMessage(message) ?? message;
}

function questionField(message: string): QuestionField | undefined {
  const path = /^questions\.\d+\.(\w+)/.exec(message);
  if (path) return path[1] as QuestionField;
  if (/cites clause/.test(message)) return "clause";
  if (/answer/.test(message)) return "answer";
  if (/choice/.test(message)) return "choices";
  return undefined;
}

/**
 * Places each problem on its item. `questionIds` lists each bank's question
 * ids in file order, so that a schema problem at questions.N names its question.
 */
export function locateProblems(
  problems: readonly ContentProblem[],
  questionIds: ReadonlyMap<string, string[]>,
): LocatedProblem[] {
  return problems.map((problem) => {
    const message = problemInJapanese(problem.message);
    const base = { message, file: problem.file, line: problem.line };
    const m = problem.message;
    let match: RegExpExecArray | null;
    if (problem.file.startsWith("quizzes/")) {
      const ids = questionIds.get(problem.file) ?? [];
      const byIndex = /^questions\.(\d+)/.exec(m);
      const byId = /^([a-z0-9-]+): /.exec(m);
      const key = byIndex ? ids[Number(byIndex[1])] : byId && ids.includes(byId[1]!) ? byId[1] : undefined;
      if (key) return { ...base, target: { kind: "question", key, field: questionField(m) } };
      const duplicate = /^duplicate question id "(.+)"$/.exec(m);
      if (duplicate) return { ...base, target: { kind: "question", key: duplicate[1]! } };
    }
    if (problem.file.startsWith("modules/")) {
      return { ...base, target: { kind: "module", key: problem.file.replace(/^modules\/|\.md$/g, "") } };
    }
    if ((match = /^track "([^"]+)"|^duplicate track id "(.+)"/.exec(m))) {
      return { ...base, target: { kind: "track", key: (match[1] ?? match[2])! } };
    }
    if ((match = /^clause (.+?) (?:has no text|is cited by no question)$|^duplicate clause id "(.+)"$/.exec(m))) {
      return { ...base, target: { kind: "clause", key: (match[1] ?? match[2])! } };
    }
    return { ...base, target: { kind: "file", key: problem.file } };
  });
}
