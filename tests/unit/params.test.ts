import { describe, expect, it } from "vitest";
import { IdField, keyParam, OptionalIdQuery, PageQuery, parseId, queryText } from "~/lib/params.ts";

describe("ids: one rule for paths, query strings and forms", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["999999999", 999_999_999],
    [7, 7],
  ])("%j is the id %j", (value, id) => {
    expect(parseId(value)).toBe(id);
    expect(IdField.parse(value)).toBe(id);
  });

  it.each([
    "1e20",
    "99999999999999999999",
    "9007199254740993",
    "1000000000",
    "0",
    "007",
    "-1",
    "+1",
    "1.5",
    "0x10",
    "１",
    "٣",
    "",
    " ",
    "1 2",
    "\u0000",
    1e20,
    -1,
    1.5,
    Number.NaN,
    null,
    undefined,
  ])("%j is not an id", (value) => {
    expect(parseId(value)).toBeNull();
    expect(IdField.safeParse(value).success).toBe(false);
    expect(OptionalIdQuery.parse(value)).toBeUndefined();
  });

  it("reads a page number within 1 to 100,000 and falls back to the first page", () => {
    expect(PageQuery.parse("3")).toBe(3);
    for (const bad of ["1e20", "0", "-2", "1.5", "abc", "", undefined, "100001"]) expect(PageQuery.parse(bad)).toBe(1);
  });
});

describe("text and keys from a URL", () => {
  it("keeps query text within its limit and without control characters", () => {
    const text = queryText(64);
    expect(text.parse(" fire ")).toBe("fire");
    expect(text.parse("市長部局")).toBe("市長部局");
    for (const bad of ["x".repeat(65), "fire\u0000", "a\r\nb", "", "  ", undefined])
      expect(text.parse(bad)).toBeUndefined();
  });

  it("accepts a content key and answers 404 for anything else", () => {
    expect(keyParam("threats-01")).toBe("threats-01");
    for (const bad of [undefined, "", "\u0000", "../etc", "a b", "設問", "x".repeat(65)]) {
      let thrown: unknown;
      try {
        keyParam(bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown instanceof Response && thrown.status).toBe(404);
    }
  });
});
