/**
 * CSV for Japanese Excel (docs/domain.md, "Reports"): UTF-8
 * with a BOM, or Excel reads it as Shift_JIS and garbles every name; CRLF line
 * ends; RFC 4180 quoting.
 */

export type CsvCell = string | number | null | undefined;

// Excel treats a cell starting with one of these as a formula (CSV/formula
// injection): a name such as "=HYPERLINK(…)" typed into a staff record must
// reach HR's spreadsheet as text. Japanese Excel also reads lookalikes as
// their ASCII twins: the full-width ＝ ＋ － ＠ typed with the IME on, the
// small ﹦ ﹢ ﹣ ﹫ and the super- and subscript signs. The first character is
// compared after NFKC, which folds all of those to ASCII; the minus sign
// (U+2212) has no NFKC twin and is listed itself.
const FORMULA_START = /^[=+\-@\t\r\u2212]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A CSV file with a header line; null and undefined cells are written empty. */
export function toCsv(headers: string[], rows: CsvCell[][]): string {
  return "\uFEFF" + [headers, ...rows].map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  // A number from our own figures is never a formula; "-5" as text might be.
  const text = typeof value === "number" ? String(value) : startsLikeFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function startsLikeFormula(value: string): boolean {
  const first = value.codePointAt(0);
  return first !== undefined && FORMULA_START.test(String.fromCodePoint(first).normalize("NFKC"));
}
