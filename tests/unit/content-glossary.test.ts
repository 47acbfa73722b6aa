import { describe, expect, it } from "vitest";
import { glossaryProblems } from "~/domain/content/glossary.ts";

describe("the content glossary", () => {
  it("flags each avoided form with its file and line", () => {
    const text = [
      "questions:",
      "  - prompt: >-",
      "      ファイルサーバの手続きは全て終わりました。",
      "      非意図的な要因による事故です。",
      "      管理者 ID を確かめ、LGWAN 接続系と生成 AI の扱いを見直します。",
    ].join("\n");
    const problems = glossaryProblems([{ path: "quizzes/bank.yaml", text }]);
    expect(problems.map((p) => `${p.line} ${p.message}`)).toEqual([
      "3 glossary: write サーバー, not 「サーバ」",
      "3 glossary: write 手続, not 「手続き」",
      "3 glossary: write すべて, not 「全て」",
      "4 glossary: write 非意図的要因, not 「非意図的な要因」",
      "4 glossary: write インシデント, not 「事故」",
      "5 glossary: write a Japanese word and ID/LGWAN/AI written without a space, not a space before ID/LGWAN/AI",
      "5 glossary: write a Japanese word and ID/LGWAN/AI written without a space, not a space before ID/LGWAN/AI",
      "5 glossary: write ID/LGWAN/AI and a Japanese word written without a space, not a space after ID/LGWAN/AI",
      "5 glossary: write ID/LGWAN/AI and a Japanese word written without a space, not a space after ID/LGWAN/AI",
      "5 glossary: write ID/LGWAN/AI and a Japanese word written without a space, not a space after ID/LGWAN/AI",
    ]);
  });

  it("leaves quotations, accidents the policy names, clause labels, the policy and drill mails alone", () => {
    const module = [
      "---",
      "slug: m",
      "---",
      "## イ LGWAN接続系",
      "基本方針は「取扱う全ての情報資産」を対象とし、搬送中の事故も挙げます。",
      "送電設備の事故による停電も脅威です。係長は「事故さえ起きなければ",
      "大丈夫」と言いました。IDとパスワードを守ります。",
    ].join("\n");
    expect(
      glossaryProblems([
        { path: "modules/m.md", text: module },
        { path: "policy/basic-policy.yaml", text: "text: 全ての情報資産、サーバ" },
        { path: "drills/parcel-notice.yaml", text: "body: お手続きは全て完了" },
      ]),
    ).toEqual([]);
  });
});
