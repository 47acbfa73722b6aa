import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkDrillScenarios,
  drillHtmlProblems,
  parseDrillScenario,
  renderDrillMail,
  scenarioForCity,
  type DrillScenario,
} from "~/domain/drills/scenario.ts";
import { parseContent } from "~/domain/content/parse.ts";
import { checkContent } from "~/domain/content/validate.ts";

// A valid scenario; each test breaks one thing in it. Line numbers matter:
// the tests assert where a problem is reported.
const valid = `id: parcel-notice
title: 宅配便の不在通知
clause: 6(4)イ
sender:
  name: 宅配便お届けセンター
  address: info@takuhai-center.example
subject: "【再配達のご案内】{{氏名}}様宛のお荷物"
link:
  text: 再配達の日時を指定する
  kind: link
body:
  text: |
    {{所属}}
    {{氏名}} 様（職員番号 {{職員番号}}）

    お届けにあがりましたがご不在でした。
    本日中に再配達の手続きをしてください。
    {{URL}}
  html: |
    <p>{{所属}}<br>{{氏名}} 様</p>
    <p>お届けにあがりましたがご不在でした。<strong>本日中に</strong>再配達の手続きをしてください。</p>
    <p><a href="{{URL}}">再配達の日時を指定する</a></p>
redFlags:
  - part: sender
    quote: takuhai-center.example
    explanation: 実在の宅配業者のドメインではありません。
  - part: body
    quote: 本日中に再配達の手続きをしてください。
    explanation: 急がせて考える時間を奪うのは典型的な手口です。
  - part: subject
    quote: 再配達のご案内
    explanation: 職場のアドレスに私用の宅配便の通知は届きません。
nextTime:
  - リンクを開かず、不審メール報告で報告する。
  - 開いてしまっても、すぐに報告する。
`;

const FILE = "drills/parcel-notice.yaml";
const person = { name: "山田 花子", organisation: "市長部局 市民課", employeeNumber: "100001" };
const URL = "https://mamori.city.example/d/abc123";

function parsed(source = valid, file = FILE): DrillScenario {
  const result = parseDrillScenario(source, file);
  expect(result.problems).toEqual([]);
  return result.scenario!;
}

function problemsOf(source: string, file = FILE) {
  const result = parseDrillScenario(source, file);
  expect(result.scenario).toBeUndefined();
  return result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
}

describe("parseDrillScenario", () => {
  it("reads a valid scenario into its typed form", () => {
    const s = parsed();
    expect(s.id).toBe("parcel-notice");
    expect(s.clause).toBe("6(4)イ");
    expect(s.sender).toEqual({ name: "宅配便お届けセンター", address: "info@takuhai-center.example" });
    expect(s.link).toEqual({ text: "再配達の日時を指定する", kind: "link" });
    expect(s.body.text.endsWith("{{URL}}")).toBe(true);
    expect(s.body.html.startsWith("<p>")).toBe(true);
    expect(s.redFlags.map((f) => f.part)).toEqual(["sender", "body", "subject"]);
    expect(s.nextTime).toHaveLength(2);
  });

  it("reads an unquoted numeric clause as text", () => {
    expect(parsed(valid.replace("clause: 6(4)イ", "clause: 4")).clause).toBe("4");
  });

  it("names missing required fields with their line", () => {
    expect(problemsOf(valid.replace("title: 宅配便の不在通知\n", ""))).toEqual([`${FILE}:1: title: Required`]);
    const noText = valid.slice(0, valid.indexOf("  text: |\n")) + valid.slice(valid.indexOf("  html: |\n"));
    expect(problemsOf(noText)).toEqual([`${FILE}:12: body.text: Required`]);
  });

  it("rejects an unknown link kind and unknown fields", () => {
    const problems = problemsOf(
      valid.replace("kind: link", "kind: download").replace("nextTime:", "nextime: []\nnextTime:"),
    );
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^drills\/parcel-notice\.yaml:1: \(file\): Unrecognized key.*nextime/),
        expect.stringMatching(
          /^drills\/parcel-notice\.yaml:10: link\.kind: Invalid enum value.*'link' \| 'attachment' \| 'sign-in'/,
        ),
      ]),
    );
  });

  it("reports YAML errors with their line", () => {
    expect(problemsOf(valid.replace("clause: 6(4)イ\n", "clause: 6(4)イ\ntitle: 二つ目\n"))).toEqual([
      `${FILE}:4: YAML: Map keys must be unique`,
    ]);
  });

  it("requires the id to be the file name", () => {
    expect(problemsOf(valid, "drills/parcel.yaml")).toEqual([
      `drills/parcel.yaml:1: id "parcel-notice" must match the file name "parcel"`,
    ]);
  });

  it("names an unknown placeholder at its own line inside the body", () => {
    expect(problemsOf(valid.replace("{{職員番号}}", "{{電話番号}}"))).toEqual([
      `${FILE}:14: body.text: unknown placeholder {{電話番号}} (known: {{氏名}} {{所属}} {{職員番号}} {{URL}} {{組織:<id>}})`,
    ]);
    expect(problemsOf(valid.replace("{{氏名}}様宛", "{{名前}}様宛"))).toEqual([
      `${FILE}:7: subject: unknown placeholder {{名前}} (known: {{氏名}} {{所属}} {{職員番号}} {{URL}} {{組織:<id>}})`,
    ]);
  });

  it("rejects unmatched braces, and a person's placeholders outside subject and body", () => {
    expect(problemsOf(valid.replace("お届けにあがりましたが", "お届けに{{あがりましたが"))).toEqual([
      `${FILE}:12: body.text: unmatched {{ or }}`,
    ]);
    expect(problemsOf(valid.replace("name: 宅配便お届けセンター", 'name: "{{所属}} 宅配便"'))).toEqual([
      `${FILE}:5: sender.name: only {{組織:<id>}} may be used here, not {{所属}}`,
    ]);
  });

  it("requires {{URL}} in both the text and the HTML body, and only there", () => {
    expect(problemsOf(valid.replace("    {{URL}}\n", "    \n"))).toEqual([
      `${FILE}:12: body.text: must contain {{URL}}, the person's drill link`,
    ]);
    expect(problemsOf(valid.replace('<a href="{{URL}}">再配達の日時を指定する</a>', "再配達の日時を指定する"))).toEqual(
      [
        `${FILE}:19: body.html: must contain {{URL}}, the person's drill link`,
        `${FILE}:19: body.html: needs a link <a href="{{URL}}">再配達の日時を指定する</a> showing the link text`,
      ],
    );
    expect(problemsOf(valid.replace("様宛のお荷物", "様宛のお荷物 {{URL}}"))).toEqual([
      `${FILE}:7: subject: {{URL}} belongs in the body only`,
    ]);
  });

  it("requires a red flag's quote to be in its part, exactly", () => {
    expect(problemsOf(valid.replace("quote: takuhai-center.example", "quote: takuhai-centre.example"))).toEqual([
      `${FILE}:25: redFlags.0.quote: "takuhai-centre.example" is not in the sender`,
    ]);
    // In the HTML body but not in body.text: the text is what is quoted.
    expect(
      problemsOf(valid.replace("quote: 本日中に再配達の手続きをしてください。", "quote: <strong>本日中に</strong>")),
    ).toEqual([`${FILE}:28: redFlags.1.quote: "<strong>本日中に</strong>" is not in the body (body.text)`]);
    expect(problemsOf(valid.replace("part: subject", "part: link"))).toEqual([
      `${FILE}:31: redFlags.2.quote: "再配達のご案内" is not in the link`,
    ]);
  });

  it("rejects quotes of one part that overlap, which could not both be marked", () => {
    const overlapping = valid.replace(
      "nextTime:",
      "  - part: body\n    quote: 再配達の手続き\n    explanation: 二つ目。\nnextTime:",
    );
    expect(problemsOf(overlapping)).toEqual([`${FILE}:34: redFlags.3.quote overlaps red flag 2 in the body`]);
  });

  it("accepts only sender addresses under names reserved for examples", () => {
    for (const address of ["a@city-hall.example.jp", "b@kyuyo-portal.example", "c@example.com", "d@mail.test"]) {
      expect(
        parsed(
          valid
            .replace("info@takuhai-center.example", address)
            .replace("quote: takuhai-center.example", `quote: "${address}"`),
        ).sender.address,
      ).toBe(address);
    }
    expect(problemsOf(valid.replace("info@takuhai-center.example", "info@yamato-transport.co.jp"))).toContain(
      `${FILE}:6: sender.address: must use a domain reserved for examples (…example, …test, …invalid, example.com/.net/.org/.jp)`,
    );
  });
});

describe("the HTML body", () => {
  it("allows the small tag set of a business mail", () => {
    const html =
      '<p>本文<br/>続き<strong>強調</strong></p><ul><li>一</li></ul><table><thead><tr><th>項目</th></tr></thead><tbody><tr><td>&amp;&#12354;</td></tr></tbody></table><p><a href="{{URL}}">開く</a></p>';
    expect(drillHtmlProblems(html)).toEqual([]);
  });

  it.each([
    ["<script>alert(1)</script>", "<script> is not allowed"],
    ['<img src="x">', "<img> is not allowed"],
    ['<p style="color:red">赤</p>', "attribute style is not allowed on <p>"],
    ['<a href="https://evil.example/">x</a>', 'a link must point to {{URL}}, not "https://evil.example/"'],
    ['<a href="{{URL}}" onclick="x()">x</a>', "attribute onclick is not allowed on <a>"],
    ["<a>x</a>", 'a link must have href="{{URL}}"'],
    ["<p>閉じない", "<p> is never closed"],
    ["<p><strong>交差</p></strong>", "</p> closes <strong>"],
    ["<p>1 < 2</p>", "a bare < or a malformed tag (write &lt;)"],
    ["<p>A & B</p>", "a bare & (write &amp;)"],
    ["<!-- x --><p>y</p>", "an HTML comment"],
    ["<p><a href={{URL}}>x</a></p>", "a bare < or a malformed tag (write &lt;)"],
  ])("rejects %s", (html, message) => {
    const messages = drillHtmlProblems(html).map((p) => p.message);
    expect(messages.some((m) => m.startsWith(`HTML: ${message}`))).toBe(true);
  });

  it("names the line of a forbidden tag inside the body", () => {
    const source = valid.replace("<p>お届けに", '<p><img src="logo.png">お届けに');
    expect(problemsOf(source)).toEqual([
      `${FILE}:21: body.html: <img> is not allowed (only p, br, a, strong, ul, li, table, thead, tbody, tr, th, td)`,
    ]);
  });
});

describe("checkDrillScenarios", () => {
  const files = [
    { path: FILE, text: valid },
    {
      path: "drills/other.yaml",
      text: valid.replace("id: parcel-notice", "id: other").replace("clause: 6(4)イ", "clause: 6(9)"),
    },
    { path: "modules/x.md", text: "not a scenario" },
  ];

  it("requires each scenario's clause to exist in the policy", () => {
    const result = checkDrillScenarios(files, new Set(["4", "6(4)イ"]));
    expect(result.scenarios.map((s) => s.id)).toEqual(["parcel-notice"]);
    expect(result.problems).toEqual([
      { file: "drills/other.yaml", line: 3, message: 'clause "6(9)" is not in the policy' },
    ]);
  });

  it("is part of the whole content check, whose summary counts the scenario files", () => {
    const check = checkContent(files, { employeeTypes: [] });
    expect(check.summary.drillScenarios).toBe(2);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.problems).toContainEqual({
        file: "drills/other.yaml",
        line: 3,
        message: 'clause "6(9)" is not in the policy',
      });
    }
  });
});

describe("renderDrillMail", () => {
  it("fills in the person and their link", () => {
    const mail = renderDrillMail(parsed(), person, URL);
    expect(mail).toMatchObject({
      subject: "【再配達のご案内】山田 花子様宛のお荷物",
      fromName: "宅配便お届けセンター",
      fromAddress: "info@takuhai-center.example",
    });
    expect(mail.text).toBe(
      "市長部局 市民課\n山田 花子 様（職員番号 100001）\n\nお届けにあがりましたがご不在でした。\n本日中に再配達の手続きをしてください。\n" +
        URL,
    );
    expect(mail.html).toContain(`<a href="${URL}">再配達の日時を指定する</a>`);
    expect(mail.html).toContain("<p>市長部局 市民課<br>山田 花子 様</p>");
    expect(mail.text + mail.html + mail.subject).not.toMatch(/\{\{|\}\}/);
  });

  it("escapes the person's values in the HTML body, never in the text", () => {
    const hostile = { name: '<script>alert("x")</script>', organisation: "研究&開発 <b>課</b>", employeeNumber: "1'2" };
    const mail = renderDrillMail(parsed(), hostile, `${URL}?a=1&b=2`);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 様");
    expect(mail.html).toContain("研究&amp;開発 &lt;b&gt;課&lt;/b&gt;");
    expect(mail.html).toContain(`href="${URL}?a=1&amp;b=2"`);
    expect(drillHtmlProblems(mail.html.replace(/href="[^"]*"/g, 'href="{{URL}}"'))).toEqual([]);
    expect(mail.text).toContain('<script>alert("x")</script> 様（職員番号 1\'2）');
  });

  it("keeps the subject on one line whatever the name holds", () => {
    const mail = renderDrillMail(parsed(), { ...person, name: "山田\r\nBcc: all@city.example" }, URL);
    expect(mail.subject).toBe("【再配達のご案内】山田 Bcc: all@city.example様宛のお荷物");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => renderDrillMail(parsed(), person, "javascript:alert(1)")).toThrow(/not an http\(s\) link/);
    expect(() => renderDrillMail(parsed(), person, 'https://x.example/"><script>')).toThrow();
  });
});

describe("the scenarios shipped in content/drills", () => {
  const dir = "content/drills";
  const policyFile = "policy/basic-policy.yaml";
  const policy = parseContent([{ path: policyFile, text: readFileSync(`content/${policyFile}`, "utf8") }]).policy;
  const policyIds = new Set(policy?.clauses.map((c) => c.id));
  const files = readdirSync(dir).map((name) => ({
    path: `drills/${name}`,
    text: readFileSync(`${dir}/${name}`, "utf8"),
  }));
  const { scenarios, problems } = checkDrillScenarios(files, policyIds);

  it("are at least fifteen valid scenarios, using every kind of link", () => {
    expect(policyIds.size).toBeGreaterThan(30);
    expect(problems).toEqual([]);
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
    // What cities receive today: a reply-chain 照会, a cloud sign-in page, a J-LIS notice, a ふるさと納税 inquiry.
    expect(scenarios.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        "prefecture-inquiry-reply",
        "m365-sign-in",
        "jlis-mynumber-notice",
        "furusato-tax-inquiry",
        // And three for the staff of one organisation: the fire service, a school, the waterworks.
        "fire-dispatch-update",
        "school-account-check",
        "waterworks-remote-maintenance",
      ]),
    );
    expect(new Set(scenarios.map((s) => s.link.kind))).toEqual(new Set(["link", "attachment", "sign-in"]));
  });

  it("each teach three to five red flags and two to four things to do next time, reporting among them", () => {
    for (const s of scenarios) {
      expect(s.redFlags.length, s.id).toBeGreaterThanOrEqual(3);
      expect(s.redFlags.length, s.id).toBeLessThanOrEqual(5);
      expect(s.nextTime.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.nextTime.length, s.id).toBeLessThanOrEqual(4);
      expect(
        s.nextTime.some((line) => line.includes("不審メール報告")),
        s.id,
      ).toBe(true);
    }
  });

  it("render for a person without a placeholder left over", () => {
    for (const s of scenarios) {
      const mail = renderDrillMail(s, person, URL, CITY_ORGANISATIONS);
      const taught = scenarioForCity(s, CITY_ORGANISATIONS);
      const read = [mail.fromName, mail.subject, mail.text, mail.html, ...taught.redFlags.map((f) => f.explanation)];
      expect([...read, ...taught.nextTime].join(""), s.id).not.toMatch(/\{\{|\}\}/);
      expect(mail.html, s.id).toContain(`<a href="${URL}">${s.link.text}</a>`);
    }
  });
});

/** The shipped city's organisations, as its settings hold them. */
const CITY_ORGANISATIONS = new Map([
  ["council", "議会局"],
  ["fire", "消防本部"],
]);

describe("the city's organisation names in a scenario", () => {
  const council = valid
    .replace("name: 宅配便お届けセンター", 'name: "{{組織:council}} 議事課"')
    .replace("お届けにあがりましたがご不在でした。\n", "{{組織:council}}です。\n")
    .replace(
      "explanation: 実在の宅配業者のドメインではありません。",
      'explanation: "{{組織:council}}は庁内の部署です。"',
    )
    .replace("  - 開いてしまっても、すぐに報告する。", "  - 心当たりがなければ{{組織:council}}に内線で確かめる。");

  it("come from the city's settings in the mail and on the teaching page, never a fixed name", () => {
    const s = parsed(council);
    const mail = renderDrillMail(s, person, URL, CITY_ORGANISATIONS);
    expect(mail.fromName).toBe("議会局 議事課");
    expect(mail.text).toContain("議会局です。");
    const taught = scenarioForCity(s, CITY_ORGANISATIONS);
    expect(taught.redFlags[0]!.explanation).toBe("議会局は庁内の部署です。");
    expect(taught.nextTime[1]).toBe("心当たりがなければ議会局に内線で確かめる。");
    // A city that calls it otherwise gets its own name; one without it, a neutral word.
    expect(renderDrillMail(s, person, URL, new Map([["council", "議会事務局"]])).fromName).toBe("議会事務局 議事課");
    expect(renderDrillMail(s, person, URL).fromName).toBe("担当部署 議事課");
  });

  it("must name an organisation of city.yaml, and a person's value is not allowed in an explanation", () => {
    const files = [{ path: FILE, text: council }];
    expect(checkDrillScenarios(files, new Set(["6(4)イ"]), new Set(["council"])).problems).toEqual([]);
    expect(checkDrillScenarios(files, new Set(["6(4)イ"]), new Set(["mayor"])).problems).toEqual([
      { file: FILE, line: 1, message: '{{組織:council}}: no organisation "council" in city.yaml' },
    ]);
    const named = council.replace("は庁内の部署です。", "は{{氏名}}さんの部署です。");
    expect(parseDrillScenario(named, FILE).problems.map((p) => p.message)).toEqual([
      "redFlags.0.explanation: only {{組織:<id>}} may be used here, not {{氏名}}",
    ]);
  });
});
