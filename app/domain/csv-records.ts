/**
 * Reads CSV text (RFC 4180: fields separated by commas, a field in double
 * quotes may hold commas, newlines and "" for a quote) into records, each
 * with the line on which it starts. Lines must be LF-only. Empty lines are
 * skipped; records may have any number of cells.
 *
 * It reads exactly what csv-parse read with { relax_column_count,
 * skip_empty_lines } and stops at the same errors on the same lines
 * (tests/unit/csv-records.test.ts compares the two on generated files;
 * for a quote left open it gives the line where the quote opened, where
 * csv-parse gave the end of the file): a
 * hand-written loop over the string reads a 100,000-row staff file several
 * times faster than the general-purpose library, which went through a
 * Buffer per field and was most of an import's time (docs/benchmarks.md).
 */

/** What stops the reading: a quote left open to the end, text after a closing quote, a quote inside an unquoted cell. */
export type CsvSyntaxError = {
  code: "quoteNotClosed" | "invalidClosingQuote" | "invalidOpeningQuote";
  /** The line of the error; for a quote left open, the line on which it opened. */
  line: number;
};

/** A record and the line on which it starts (the first line is 1). */
export type CsvRecord = { line: number; cells: string[] };

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;

function newlinesIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

export function readCsvRecords(text: string): { records: CsvRecord[] } | { error: CsvSyntaxError } {
  const records: CsvRecord[] = [];
  const length = text.length;
  let i = 0;
  let line = 1;
  while (i < length) {
    if (text.charCodeAt(i) === LF) {
      i++;
      line++;
      continue;
    }
    const cells: string[] = [];
    const first = line;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) return { error: { code: "quoteNotClosed", line } };
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) !== QUOTE) {
            line += newlinesIn(text, i, quote);
            i = quote + 1;
            break;
          }
          value += '"';
          from = quote + 2;
        }
        cells.push(value);
        const next = text.charCodeAt(i);
        if (i < length && next !== COMMA && next !== LF) return { error: { code: "invalidClosingQuote", line } };
      } else {
        const start = i;
        for (; i < length; i++) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF) break;
          if (c === QUOTE) return { error: { code: "invalidOpeningQuote", line } };
        }
        cells.push(text.slice(start, i));
      }
      if (i < length && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      records.push({ line: first, cells });
      if (i < length) {
        i++;
        line++;
      }
      break;
    }
  }
  return { records };
}
