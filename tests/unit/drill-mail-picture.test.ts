import { readdirSync, readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DrillMailPicture } from "~/components/DrillMailPicture.tsx";
import { drillMailPicture } from "~/domain/drills/mail-picture.ts";
import { escapeHtml, parseDrillScenario, renderDrillMail, type DrillScenario } from "~/domain/drills/scenario.ts";

const person = { name: "山田 花子", organisation: "市長部局 市民課", employeeNumber: "100001" };
const URL = "https://mamori.city.example/d/abc123";

const scenarios: DrillScenario[] = readdirSync("content/drills").map((name) => {
  const { scenario, problems } = parseDrillScenario(readFileSync(`content/drills/${name}`, "utf8"), `drills/${name}`);
  expect(problems).toEqual([]);
  return scenario!;
});

function render(s: DrillScenario, who = person) {
  const mail = renderDrillMail(s, who, URL);
  return renderToString(createElement(DrillMailPicture, { mail, link: s.link, redFlags: s.redFlags }));
}

/** The marks of the picture, each with its badge number and the text marked. */
function marks(html: string) {
  return [...html.matchAll(/<mark class="drill-flag-mark"[^>]*>([\s\S]*?)<\/mark>/g)].map((m) => m[1]!);
}

describe("DrillMailPicture", () => {
  it.each(scenarios.map((s) => [s.id, s] as const))("%s: marks every red flag and lists it", (_, s) => {
    const html = render(s);
    const picture = drillMailPicture(renderDrillMail(s, person, URL), s.link, s.redFlags);
    expect(picture.flags.every((f) => f.marked)).toBe(true);

    // One badge per flag, linking to that flag's entry in the list, which links back.
    const badges = [...html.matchAll(/<a class="drill-flag-badge" href="#([^"]+-flag-(\d+))">/g)];
    expect(badges.map((b) => Number(b[2])).sort((a, b) => a - b)).toEqual(s.redFlags.map((_, i) => i + 1));
    s.redFlags.forEach((flag, i) => {
      const n = i + 1;
      const target = badges.find((b) => Number(b[2]) === n)![1]!;
      const entry = new RegExp(`<li id="${target.replace(/[-:]/g, "\\$&")}">[\\s\\S]*?</li>`).exec(html);
      expect(entry, `${s.id} flag ${n}`).not.toBeNull();
      expect(entry![0]).toContain(`<span class="drill-flag-number">${n}</span>`);
      expect(entry![0]).toContain(escapeHtml(flag.explanation));
      expect(entry![0]).toContain(`「${escapeHtml(flag.quote)}」`);
      const back = /<a href="#([^"]+)">/.exec(entry![0].slice(entry![0].indexOf("drill-flag-back")))![1]!;
      expect(html).toContain(`<mark class="drill-flag-mark" id="${back}">`);
    });

    // Each quote is the text of its mark (badge left out).
    const marked = marks(html).map((m) => m.replace(/<a class="drill-flag-badge"[\s\S]*?<\/a>/, ""));
    for (const flag of s.redFlags) expect(marked).toContain(escapeHtml(flag.quote));

    // The picture shows the mail as the person got it, the link as its text, never the drill link itself.
    const figure = html.slice(0, html.indexOf("</figure>"));
    const plain = figure
      .replace(/<a class="drill-flag-badge"[\s\S]*?<\/a>/g, "")
      .replace(/<[^>]+>|<!-- -->/g, "")
      .replace(/\n/g, "");
    const shown = (pieces: { text: string }[]) => escapeHtml(pieces.map((p) => p.text).join("")).replace(/\n/g, "");
    const mail = renderDrillMail(s, person, URL);
    expect(plain).toContain(escapeHtml(`${mail.fromName} <${mail.fromAddress}>`));
    expect(plain).toContain(shown(picture.subject));
    expect(plain).toContain(shown(picture.body));
    expect(plain).toMatch(/山田 花子|市長部局 市民課/);
    expect(
      picture.body
        .filter((p) => p.link)
        .map((p) => p.text)
        .join(""),
    ).toContain(s.link.text);
    expect(html).not.toContain(URL);
    expect(html.includes("drill-mail-attachment")).toBe(s.link.kind === "attachment");
  });

  it("shows a link on its own line as the link text named on the line before", () => {
    const s = scenarios.find((x) => x.id === "training-thanks")!;
    const body = drillMailPicture(renderDrillMail(s, person, URL), s.link, s.redFlags).body;
    const linkPieces = body.filter((p) => p.link);
    expect(linkPieces.map((p) => p.text).join("")).toBe("研修資料一式をダウンロード");
    const text = body.map((p) => p.text).join("");
    expect(text).toContain("▼研修資料一式をダウンロード\n\nなお、");
    expect(text).not.toContain("https://");
  });

  it("marks a flag of the link on the attachment, and a flag split by nothing only once", () => {
    const s = scenarios.find((x) => x.id === "council-materials")!;
    const picture = drillMailPicture(renderDrillMail(s, person, URL), s.link, s.redFlags);
    expect(picture.attachment).toEqual([
      { text: "【差替版】総務常任委員会資料" },
      { text: ".xlsm", flag: 2, badge: true },
    ]);
    expect(picture.body.filter((p) => p.flag === 2)).toEqual([]);
  });

  it("keeps a hostile name as text", () => {
    const html = render(scenarios[0]!, { ...person, name: "<img src=x onerror=alert(1)>" });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("still lists a flag whose quote the rendered mail lacks, without a mark", () => {
    const s = scenarios[0]!;
    const flags = [...s.redFlags, { part: "body" as const, quote: "この文はない", explanation: "説明。" }];
    const picture = drillMailPicture(renderDrillMail(s, person, URL), s.link, flags);
    expect(picture.flags.at(-1)).toMatchObject({ number: flags.length, marked: false });
    const html = renderToString(
      createElement(DrillMailPicture, { mail: renderDrillMail(s, person, URL), link: s.link, redFlags: flags }),
    );
    expect(marks(html)).toHaveLength(s.redFlags.length);
    expect(html).toContain("「この文はない」");
  });
});
