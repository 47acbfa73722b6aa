import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readCsvRecords } from "~/domain/csv-records.ts";
import { seededRandom } from "~/domain/quiz.ts";

/** What csv-parse, which the staff import used before, reads from the same text, in readCsvRecords' terms. */
function csvParse(text: string) {
  try {
    const parsed = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return {
      // info.lines is the line on which a record ends.
      records: parsed.map(({ record, info }) => ({
        line: info.lines - record.reduce((n, cell) => n + cell.split("\n").length - 1, 0),
        cells: record,
      })),
    };
  } catch (error) {
    const { code, lines } = error as { code: string; lines: number };
    const ours = {
      CSV_QUOTE_NOT_CLOSED: "quoteNotClosed",
      CSV_INVALID_CLOSING_QUOTE: "invalidClosingQuote",
      INVALID_OPENING_QUOTE: "invalidOpeningQuote",
    }[code];
    if (!ours) throw error;
    return { error: { code: ours, line: lines } };
  }
}

describe("readCsvRecords", () => {
  it("reads quoted cells with commas, newlines and doubled quotes, with the line each record starts on", () => {
    expect(readCsvRecords('a,b\n"c,""d""\ne",f\n\ng,\n')).toEqual({
      records: [
        { line: 1, cells: ["a", "b"] },
        { line: 2, cells: ['c,"d"\ne', "f"] },
        { line: 5, cells: ["g", ""] },
      ],
    });
  });

  it("stops at a quote left open, text after a closing quote, and a quote inside an unquoted cell", () => {
    expect(readCsvRecords('a\n"b\nc')).toEqual({ error: { code: "quoteNotClosed", line: 2 } });
    expect(readCsvRecords('a\n"b" ,c')).toEqual({ error: { code: "invalidClosingQuote", line: 2 } });
    expect(readCsvRecords('a\n\nb "c"')).toEqual({ error: { code: "invalidOpeningQuote", line: 3 } });
  });

  it("reads 3,000 generated files exactly as csv-parse did: the same records, lines and errors", () => {
    const random = seededRandom("issue-22");
    const pieces = ["a", "漢字", " ", ",", '"', '""', "\n", "\n\n", ",,"];
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(random() * 16);
      let text = "";
      for (let i = 0; i < length; i++) {
        // Mostly well-formed quoted cells, so that files get past their first quote.
        text +=
          random() < 0.2
            ? `"${pieces[Math.floor(random() * pieces.length)]}x"`
            : pieces[Math.floor(random() * pieces.length)];
      }
      const ours = readCsvRecords(text);
      const theirs = csvParse(text);
      // For a quote left open csv-parse names the end of the file; this reader the quote's line.
      if ("error" in ours && ours.error.code === "quoteNotClosed")
        expect(theirs, JSON.stringify(text)).toMatchObject({ error: { code: "quoteNotClosed" } });
      else expect(ours, JSON.stringify(text)).toEqual(theirs);
    }
  });
});
