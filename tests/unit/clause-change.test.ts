import { describe, expect, it } from "vitest";
import { cityRenaming, classifyClauseChange } from "~/domain/content/clause-change.ts";

describe("classifyClauseChange", () => {
  const rename = cityRenaming("甲市情報セキュリティポリシー", "乙市情報セキュリティポリシー");

  it("reads the city's renaming from the two titles", () => {
    expect(rename).toEqual(["甲市", "乙市"]);
    expect(cityRenaming("同じ題名", "同じ題名")).toBeNull();
  });

  it.each([
    ["the same text", { heading: "目的", text: "甲市の目的。" }, { heading: "目的", text: "甲市の目的。" }, "none"],
    [
      "re-typed layout",
      { heading: "目的", text: "甲市の\n目的。" },
      { heading: "目的", text: "甲市の 目的。" },
      "none",
    ],
    ["full-width digits", { heading: "", text: "6(4)に定める。" }, { heading: "", text: "６（４）に定める。" }, "none"],
    [
      "the city's name only",
      { heading: "目的", text: "甲市の目的。" },
      { heading: "目的", text: "乙市の目的。" },
      "renaming",
    ],
    [
      "the heading only",
      { heading: "意図的な要因", text: "不正アクセス。" },
      { heading: "", text: "不正アクセス。" },
      "heading",
    ],
    ["the wording", { heading: "目的", text: "甲市の目的。" }, { heading: "目的", text: "乙市の新しい目的。" }, "text"],
  ] as const)("%s", (_name, before, after, expected) => {
    expect(classifyClauseChange(before, after, rename)).toBe(expected);
  });

  it("counts another name than the city's as a change of text", () => {
    expect(
      classifyClauseChange(
        { heading: "", text: "甲市長が定める。" },
        { heading: "", text: "丙市長が定める。" },
        rename,
      ),
    ).toBe("text");
  });
});
