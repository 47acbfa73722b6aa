import { describe, expect, it } from "vitest";
import { readYaml } from "~/domain/content/parse.ts";
import type { ContentProblem } from "~/domain/content/types.ts";

function read(text: string): unknown {
  const problems: ContentProblem[] = [];
  const source = readYaml("test.yaml", text, 0, problems);
  expect(problems).toEqual([]);
  return source!.doc.toJS();
}

describe("folded lines of Japanese text", () => {
  it("joins a folded Japanese sentence without a half-width space", () => {
    const value = read(
      [
        "prompt: >-",
        "  Aさんは、メールのリンクから開いた画面に",
        "  業務用のIDとパスワードを入力しました。",
        "  Aさんが取るべき行動はどれですか。",
        "",
      ].join("\n"),
    );
    expect(value).toEqual({
      prompt:
        "Aさんは、メールのリンクから開いた画面に業務用のIDとパスワードを入力しました。Aさんが取るべき行動はどれですか。",
    });
  });

  it("keeps the space where a line meets Latin text or digits, and keeps paragraph breaks", () => {
    const value = read(
      [
        "text: >-",
        "  基本方針",
        "  4 が定める義務です。",
        "  The policy",
        "  applies.",
        "",
        "  次の段落です。",
        "",
      ].join("\n"),
    );
    expect(value).toEqual({ text: "基本方針 4 が定める義務です。The policy applies.\n次の段落です。" });
  });

  it("joins a plain scalar over several lines the same way, and keeps a clipped block's final newline", () => {
    expect(read(["text: 日本語の\n  文です。", ""].join("\n"))).toEqual({ text: "日本語の文です。" });
    expect(read(["text: >", "  日本語の", "  文です。", ""].join("\n"))).toEqual({ text: "日本語の文です。\n" });
  });

  it("leaves text with more-indented lines as YAML reads it", () => {
    expect(read(["text: >-", "  日本語の", "    字下げ", "  文です。", ""].join("\n"))).toEqual({
      text: "日本語の\n  字下げ\n文です。",
    });
  });
});
