import { describe, expect, it } from "vitest";
import { toCsv } from "~/lib/csv.ts";

/** The file's lines without the BOM, split on CRLF (the last line ends with CRLF too). */
function linesOf(csv: string): string[] {
  return csv.slice(1).split("\r\n");
}

describe("toCsv", () => {
  it("starts with a UTF-8 BOM and ends every line with CRLF, so Japanese Excel reads it", () => {
    const csv = toCsv(["職員番号", "氏名"], [["A0001", "秦野 太郎"]]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe("\uFEFF職員番号,氏名\r\nA0001,秦野 太郎\r\n");
    expect(csv.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("quotes fields holding a quote, comma, CR or LF, doubling quotes", () => {
    const csv = toCsv(["a", "b", "c", "d", "e"], [['say "hi"', "1,2", "line\nbreak", "car\rriage", "plain"]]);
    expect(csv).toBe('\uFEFFa,b,c,d,e\r\n"say ""hi""","1,2","line\nbreak","car\rriage",plain\r\n');
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["+81-463", "'+81-463"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tindent", "'\tindent"],
  ])("neutralises a text cell starting with %j", (cell, written) => {
    expect(linesOf(toCsv(["x"], [[cell]]))[1]).toBe(written);
  });

  it.each([
    ["＝1+1", "'＝1+1"],
    ["＋81-463", "'＋81-463"],
    ["－5", "'－5"],
    ["＠SUM(A1)", "'＠SUM(A1)"],
  ])(
    "neutralises a text cell starting with the full-width %j, which Excel reads as its ASCII twin",
    (cell, written) => {
      expect(linesOf(toCsv(["x"], [[cell]]))[1]).toBe(written);
    },
  );

  it.each([
    ["\uFE66HYPERLINK(1)", "small equals sign"],
    ["\uFE62SUM(A1)", "small plus sign"],
    ["\uFE63A1", "small hyphen-minus"],
    ["\uFE6BSUM(A1)", "small commercial at"],
    ["\u207A1", "superscript plus"],
    ["\u208C1", "subscript equals"],
    ["\u22125", "minus sign"],
  ])("neutralises a text cell starting with %j (%s), another lookalike of a formula start", (cell) => {
    expect(linesOf(toCsv(["x"], [[cell]]))[1]).toBe(`'${cell}`);
  });

  it("neutralises a cell starting with CR and still quotes it", () => {
    expect(linesOf(toCsv(["x"], [["\r=cmd"]]))).toEqual(["x", `"'\r=cmd"`, ""]);
  });

  it("neutralises dangerous headers too, and leaves the same characters alone further in", () => {
    expect(linesOf(toCsv(["=x", "a-b"], [["1=1", "a@b"]]))).toEqual(["'=x,a-b", "1=1,a@b", ""]);
  });

  it("writes numbers as they are, negative ones included", () => {
    expect(linesOf(toCsv(["n", "m", "r"], [[-5, 0, 0.375]]))[1]).toBe("-5,0,0.375");
  });

  it("writes null and undefined as empty cells", () => {
    expect(linesOf(toCsv(["a", "b", "c"], [[null, undefined, ""]]))[1]).toBe(",,");
  });

  it("writes only the header line when there are no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe("\uFEFFa,b\r\n");
  });
});
