/**
 * Proposes a basic policy's clause tree from its text, as pasted from the
 * city's PDF or web page: "1 目的" top-level clauses, "(1) 定義語" items and
 * "ア" sub-items under them, the definitions of clause 2 included. Line
 * breaks inside a paragraph are removed (Japanese needs no space where a
 * line wrapped); a paragraph ends with "。" and the next begins indented.
 * The officer corrects the proposal in a form: this is a first cut, not a
 * parser of every layout.
 */

/** The longest policy text accepted for splitting, in characters: a city's basic policy is 10–50 thousand, ten times that is room to spare. */
export const MAX_POLICY_SOURCE_CHARS = 500_000;

export type ProposedClause = { id: string; heading: string; text: string };

const DIGITS = "0-9０-９";
const TOP = new RegExp(`^([${DIGITS}]{1,2})[\\s\\u3000.．、]+(\\S.*)$`);
const ITEM = new RegExp(`^[（(]([${DIGITS}]{1,2})[)）][\\s\\u3000]*(.*)$`);
const SUB = /^([ア-ン])[\s\u3000]+(\S.*)$/;
/** Page numbers and running footers of a PDF: "- 3 -", "３". */
const PAGE_NOISE = new RegExp(`^[-－‐―]?[\\s\\u3000]*[${DIGITS}]+[\\s\\u3000]*[-－‐―]?$`);

const halfWidth = (digits: string) => digits.normalize("NFKC");

const NOT_ASCII = /[^\p{ASCII}]/u;

/**
 * A PDF puts spaces where its lines were laid out: none belongs beside
 * Japanese text. Each run of spaces is matched once and its neighbours
 * looked at: a lookahead after " +" retried the run from each of its
 * spaces, quadratic in a long run.
 */
const dropLayoutSpaces = (line: string) =>
  line.replace(/ +/g, (spaces: string, at: number) =>
    NOT_ASCII.test(line.charAt(at - 1)) || NOT_ASCII.test(line.charAt(at + spaces.length)) ? "" : spaces,
  );

/** A heading is short and is not a sentence. */
const isHeading = (text: string) => text.length > 0 && text.length <= 30 && !/[。、]/.test(text);

export function splitPolicy(source: string): ProposedClause[] {
  const clauses: ProposedClause[] = [];
  let top = "";
  let item = "";
  // A paragraph is kept as its lines, joined once at the end: appending to
  // one string and asking whether it ends with "。" made the engine copy the
  // whole paragraph on every line, quadratic in a long paragraph.
  let current: (ProposedClause & { paragraphs: string[][] }) | null = null;
  let previousEndsSentence = false;

  const open = (id: string, rest: string) => {
    current = { id, heading: "", text: "", paragraphs: [] };
    clauses.push(current);
    const words = dropLayoutSpaces(rest.trim());
    if (isHeading(words)) current.heading = words;
    else if (words) current.paragraphs.push([words]);
    previousEndsSentence = words.endsWith("。");
  };

  // Split on every line terminator JavaScript knows: "." then matches the
  // whole of a line, and a pattern ending "(.*)$" never backtracks (a
  // U+2028 inside a line made ITEM retry its spaces from each one).
  for (const raw of source.split(/\r\n?|[\n\u2028\u2029]/)) {
    const line = raw.trim();
    if (!line || PAGE_NOISE.test(line)) continue;
    let match: RegExpExecArray | null;
    if ((match = TOP.exec(line)) && isHeading(match[2]!.trim())) {
      top = halfWidth(match[1]!);
      item = "";
      open(top, match[2]!);
      continue;
    }
    if (top && (match = ITEM.exec(line))) {
      item = `${top}(${halfWidth(match[1]!)})`;
      open(item, match[2]!);
      continue;
    }
    if (top && (match = SUB.exec(line))) {
      open(`${item || top}${match[1]}`, match[2]!);
      continue;
    }
    if (!current) continue;
    const clause = current as ProposedClause & { paragraphs: string[][] };
    const indented = /^[\s\u3000]{2,}/.test(raw);
    const startsParagraph = clause.paragraphs.length === 0 || (previousEndsSentence && indented);
    const text = dropLayoutSpaces(line);
    if (startsParagraph) clause.paragraphs.push([text]);
    else clause.paragraphs[clause.paragraphs.length - 1]!.push(text);
    previousEndsSentence = text.endsWith("。");
  }
  return clauses.map((c) => {
    const { paragraphs, ...clause } = c as ProposedClause & { paragraphs: string[][] };
    return { ...clause, text: paragraphs.map((lines) => lines.join("")).join("\n\n") };
  });
}

/** The proposal as the correction form's text area writes it: "## id 見出し" then the text. */
export function clauseSheet(clauses: readonly ProposedClause[]): string {
  return clauses.map((c) => `## ${c.id} ${c.heading}`.trimEnd() + (c.text ? `\n${c.text}` : "")).join("\n\n");
}

/** Reads the correction form back: every "## id 見出し" line opens a clause. */
export function parseClauseSheet(sheet: string): ProposedClause[] {
  const clauses: ProposedClause[] = [];
  for (const block of sheet.replace(/\r\n?/g, "\n").split(/^(?=## )/m)) {
    const match = /^## (\S+)[ \u3000]*(.*)\n?([\s\S]*)$/.exec(block.trim());
    if (!match) continue;
    clauses.push({ id: match[1]!, heading: match[2]!.trim(), text: match[3]!.trim().replace(/\n{3,}/g, "\n\n") });
  }
  return clauses;
}

