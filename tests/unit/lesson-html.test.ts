import { describe, expect, it } from "vitest";
import { sanitizeLessonHtml } from "~/lib/lesson-html.server.ts";
import { renderMarkdown } from "~/services/lesson.server.ts";

const lesson = (markdown: string) => renderMarkdown(markdown, new Map(), { trusted: true }).html;
const bulletin = (markdown: string) => renderMarkdown(markdown, new Map(), { trusted: false }).html;

/** What reached learners in a lesson's Markdown, and what must be gone from the page. */
const PAYLOADS: [name: string, markdown: string, gone: RegExp][] = [
  ["a script", "本文\n\n<script>alert(document.cookie)</script>", /<script|alert/i],
  ["an image with onerror", '<img src="x" onerror="alert(1)">', /<img|onerror/i],
  ["an inline handler", '<p onclick="alert(1)" onmouseover="alert(2)">本文</p>', /onclick|onmouseover/i],
  ["a meta refresh", '<meta http-equiv="refresh" content="30;url=https://evil.example/">', /<meta|refresh/i],
  [
    "a same-site form asking for a password",
    '<form action="/login" method="post"><label>パスワード<input type="password" name="password"></label><button>送信</button></form>',
    /<form|<input|<button|action=/i,
  ],
  [
    "a full-page overlay by style",
    '<div style="position:fixed;inset:0;z-index:9999;background:#fff">再ログインしてください</div>',
    /style=|position:fixed|<div/i,
  ],
  ["a full-page overlay by class", '<p class="modal-backdrop overlay" id="login">再ログイン</p>', /class=|id=/i],
  ["a protocol-relative link", "[x](//evil.example/login)", /href=|evil\.example/i],
  ["a backslash link", "[x](/\\evil.example)", /href=/i],
  ["a dot-segment link", "[x](/.//evil.example)", /href=/i],
  ["a raw protocol-relative anchor", '<a href="//evil.example">x</a>', /href=/i],
  ["a raw backslash anchor", '<a href="/\\evil.example">x</a>', /href=/i],
  ["an entity-encoded protocol-relative anchor", '<a href="&#x2F;&#x2F;evil.example">x</a>', /href=/i],
  ["a javascript: link", "[x](javascript:alert(1))", /href=|javascript/i],
  ["a raw javascript: anchor", '<a href="JaVaScRiPt:alert(1)">x</a>', /href=|javascript/i],
  ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD4=)", /href=|data:/i],
  ["an iframe", '<iframe src="https://evil.example/"></iframe>', /<iframe/i],
  ["a style sheet", "<style>body{display:none}</style>", /<style|display:none/i],
  ["an svg with script", '<svg onload="alert(1)"><script>alert(2)</script></svg>', /<svg|onload|alert/i],
  ["a base tag", '<base href="https://evil.example/">', /<base|evil/i],
  ["a target on a link", '<a href="/learn" target="_blank" rel="opener">x</a>', /target=|rel=/i],
];

describe("sanitizeLessonHtml removes what a lesson must not carry", () => {
  it.each(PAYLOADS)("%s", (_name, markdown, gone) => {
    expect(lesson(markdown)).not.toMatch(gone);
    expect(bulletin(markdown)).not.toMatch(
      /<(script|img|meta|form|input|iframe|style|svg|base|div)\b|<a [^>]*href="\/(\/|\\)/i,
    );
  });

  it("keeps the text around a removed element", () => {
    expect(lesson('<div style="position:fixed">再ログインしてください</div>')).toContain("再ログインしてください");
  });
});

describe("sanitizeLessonHtml keeps what lessons are written with", () => {
  it("headings, lists, tables, emphasis, code, quotes and ruby", () => {
    const html = lesson(
      [
        "## 見出し",
        "",
        "- **強調** と *斜体* と ~~取消~~",
        "1. `コード`",
        "",
        "> 引用",
        "",
        "| 左 | 中 |",
        "|:---|:--:|",
        "| a | b |",
        "",
        "```ts",
        "const x = 1;",
        "```",
        "",
        "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>",
      ].join("\n"),
    );
    for (const tag of [
      "<h2>",
      "<ul>",
      "<ol>",
      "<li>",
      "<strong>",
      "<em>",
      "<del>",
      "<code>",
      "<blockquote>",
      "<table>",
      "<th",
      "<td",
      "<pre>",
      "<ruby>",
      "<rt>",
    ])
      expect(html).toContain(tag);
    expect(html).toContain('align="left"');
    expect(html).toContain('class="language-ts"');
  });

  it.each([
    ["/learn", '<a href="/learn">'],
    ["#step-2", '<a href="#step-2">'],
    ["https://www.soumu.go.jp/", '<a href="https://www.soumu.go.jp/">'],
    ["http://intra.example/policy", '<a href="http://intra.example/policy">'],
  ])("a link to %j", (href, anchor) => {
    expect(lesson(`[x](${href})`)).toContain(anchor);
    expect(bulletin(`[x](${href})`)).toContain(anchor);
  });

  it("the clause buttons, which are added after it ran", () => {
    const { html, cited } = renderMarkdown("[[4]] を守る", new Map([["4", { heading: "職員の義務", text: "…" }]]), {
      trusted: true,
    });
    // The first citation of a clause carries the anchor the learner's 理解度 map links to.
    expect(html).toContain(
      '<button type="button" class="citation" id="clause-at-4" popovertarget="clause-1">基本方針 4</button>',
    );
    expect(cited).toHaveLength(1);
  });

  it("leaves HTML of the allow-list as it was", () => {
    const html = '<h2>見出し</h2>\n<p>本文 <strong>強調</strong> <a href="/learn">リンク</a></p>\n';
    expect(sanitizeLessonHtml(html)).toBe(html);
  });
});
