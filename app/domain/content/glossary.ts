/**
 * The content's glossary: one spelling for each term the training uses, so a
 * learner never wonders whether two spellings mean two things. `npm run
 * content:check` flags the forms to avoid in modules, question banks and
 * tracks. Quotations (inside 「」) are left alone: a quoted clause of the
 * policy, or a person's words, stay as written. The policy file itself and
 * the drill mails (written as an attacker would write) are not checked.
 */
import type { ContentFile, ContentProblem } from "./types.ts";

const JAPANESE = "[\\u3000-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]";

export type GlossaryRule = {
  /** The form to avoid. */
  avoid: RegExp;
  /** The form to write, as shown in the problem. */
  use: string;
  /** The unwanted form, as shown in the problem; the match itself when absent. */
  shown?: string;
  /** A stretch of unquoted text in which the form is right after all. */
  allowedIn?: RegExp;
};

export const GLOSSARY: readonly GlossaryRule[] = [
  // 6(2)イ's own term; 「非意図的な要因」 reads as a different phrase beside it.
  { avoid: /非意図的な要因/g, use: "非意図的要因" },
  // With the long vowel, as the application's screens and current 公用文 practice write it.
  { avoid: /サーバ(?!ー)/g, use: "サーバー" },
  // The policy writes 手続 (7(3)).
  { avoid: /手続き/g, use: "手続" },
  // As the application's own screens write it (「当てはまるものをすべて選んでください」).
  { avoid: /全て/g, use: "すべて" },
  // A security event is an インシデント; 事故 stays for accidents the policy names (搬送中の事故) and the
  // power company's.
  { avoid: /(?<!搬送中の)事故/g, use: "インシデント", allowedIn: /電力|送電|停電/ },
  // No half-width space between Japanese and ID, LGWAN or AI. A clause label (「イ LGWAN接続系」) keeps its space.
  {
    avoid: new RegExp(`(?<![)）#\\s\\d]|^)${JAPANESE} (?:ID|LGWAN|AI)(?![A-Za-z])`, "g"),
    use: "a Japanese word and ID/LGWAN/AI written without a space",
    shown: "a space before ID/LGWAN/AI",
  },
  {
    avoid: new RegExp(`(?<![A-Za-z])(?:ID|LGWAN|AI) ${JAPANESE}`, "g"),
    use: "ID/LGWAN/AI and a Japanese word written without a space",
    shown: "a space after ID/LGWAN/AI",
  },
];

const CHECKED = /^(modules\/[^/]+\.md|quizzes\/[^/]+\.ya?ml|tracks\.yaml)$/;

/** The stretches of a line outside 「」 quotations, given the depth carried in from the lines before. */
function unquoted(line: string, depth: number): { parts: string[]; depth: number } {
  const parts: string[] = [];
  let current = "";
  for (const char of line) {
    if (char === "「") {
      if (depth === 0 && current) parts.push(current);
      current = "";
      depth++;
    } else if (char === "」") {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      current += char;
    }
  }
  if (depth === 0 && current) parts.push(current);
  return { parts, depth };
}

/** Every avoided form in the checked files, with its file and line. */
export function glossaryProblems(files: readonly ContentFile[], rules: readonly GlossaryRule[] = GLOSSARY): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const file of files.filter((f) => CHECKED.test(f.path))) {
    let depth = 0;
    file.text.split("\n").forEach((line, index) => {
      const read = unquoted(line, depth);
      depth = read.depth;
      for (const part of read.parts) {
        for (const rule of rules) {
          if (rule.allowedIn?.test(part)) continue;
          for (const match of part.matchAll(rule.avoid)) {
            problems.push({
              file: file.path,
              line: index + 1,
              message: `glossary: write ${rule.use}, not ${rule.shown ?? `「${match[0]}」`}`,
            });
          }
        }
      }
    });
  }
  return problems;
}
