import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { clauseSheet, MAX_POLICY_SOURCE_CHARS, parseClauseSheet, splitPolicy } from "~/domain/content/split-policy.ts";
import { BulletinForm } from "~/domain/bulletin-form.ts";
import { CitySettingsSchema, parseOrganisationLines } from "~/domain/city.ts";
import { parseChoiceLines, splitList } from "~/domain/content/edit-forms.ts";
import { CITATION } from "~/domain/content/types.ts";
import { japanLocalToInstant, parseEmployeeNumberList, readCampaignForm } from "~/domain/drills/campaign.ts";
import { readDutiesCell } from "~/domain/duties.ts";
import { normaliseEmployeeNumber } from "~/domain/employee-number.ts";
import { parseJapaneseDate } from "~/domain/japanese-date.ts";
import { MAX_CELL_CHARS, parseStaffCsv } from "~/domain/staff-csv.ts";
import { EMAIL, EMPLOYEE_NUMBER, StaffRecordForm } from "~/domain/staff-record.ts";
import { toCsv } from "~/lib/csv.ts";
import { keyParam, parseId } from "~/lib/params.ts";

/**
 * Each function here runs on text from outside (a form field, a paste, an
 * uploaded file) at the largest size the app accepts. They run on the one
 * thread that serves every request, so the test measures how long one call
 * holds it: the event loop's longest delay while the call runs, and the
 * call itself. The bound is generous for a 2-core machine shared with other
 * jobs reading 25 MB, yet far below what a quadratic pattern needs at these
 * sizes (minutes to hours; the mail-address pattern before took 2.3 s on
 * 20 KB, an item line with a U+2028 66 s on 100 KB).
 */
const BOUND_MS = 1000;
/** The whole splitter over the largest paste: linear, but a lot of text (the quadratic one took 26 s at 781 KB). */
const SPLIT_BOUND_MS = 2000;

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** The longest the event loop waited while `run` ran (it holds the thread throughout). */
async function loopDelayOf(run: () => unknown): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 30));
  run();
  await new Promise((resolve) => setTimeout(resolve, 30));
  histogram.disable();
  return histogram.max / 1e6;
}

const atMost = (length: number, unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

describe("splitPolicy and the clause sheet, at the largest paste accepted", () => {
  const cases: [string, string][] = [
    ["short lines that never end a sentence", atMost(MAX_POLICY_SOURCE_CHARS, "あ\n")],
    ["one paragraph wrapped over lines", atMost(MAX_POLICY_SOURCE_CHARS, "本文の続き\n")],
    ["a clause heading on every line", atMost(MAX_POLICY_SOURCE_CHARS, "1 目的\n")],
    ["items on every line", atMost(MAX_POLICY_SOURCE_CHARS, "(1) 定義\n")],
    ["one line of spaces between ASCII letters", `1 目的\na${" ".repeat(MAX_POLICY_SOURCE_CHARS - 10)}b`],
    ["spaces between ASCII and Japanese", `1 目的\n${atMost(MAX_POLICY_SOURCE_CHARS - 10, "a     あ")}`],
    ["a number and separators", `1${atMost(MAX_POLICY_SOURCE_CHARS - 2, " .")}`],
    ["an item's spaces before a line separator", `1 目的\n(1)${" ".repeat(MAX_POLICY_SOURCE_CHARS - 20)}a\u2028b`],
    [
      "a sub-item's spaces before a paragraph separator",
      `1 目的\nア${" ".repeat(MAX_POLICY_SOURCE_CHARS - 20)}a\u2029b`,
    ],
    ["page-number lookalikes", atMost(MAX_POLICY_SOURCE_CHARS, `-${" ".repeat(50)}1${" ".repeat(50)}x\n`)],
  ];

  it.each(cases)("splits %s within the bound", async (_, source) => {
    expect(source.length).toBeLessThanOrEqual(MAX_POLICY_SOURCE_CHARS);
    let took = 0;
    const delay = await loopDelayOf(() => (took = timed(() => splitPolicy(source))));
    expect(took).toBeLessThan(SPLIT_BOUND_MS);
    expect(delay).toBeLessThan(SPLIT_BOUND_MS);
  });

  it("splits 200,000 short lines within the bound", async () => {
    const source = `1 目的\n${"x\n".repeat(200_000)}`;
    let took = 0;
    const delay = await loopDelayOf(() => (took = timed(() => splitPolicy(source))));
    expect(took).toBeLessThan(SPLIT_BOUND_MS);
    expect(delay).toBeLessThan(SPLIT_BOUND_MS);
  });

  it.each([
    ["clause lines", atMost(MAX_POLICY_SOURCE_CHARS, "## 1 見出し\n")],
    ["one clause of spaces", `## 1${" ".repeat(MAX_POLICY_SOURCE_CHARS - 10)}x`],
    ["blank lines", `## 1 見出し\n${"\n".repeat(MAX_POLICY_SOURCE_CHARS - 20)}x`],
  ])("reads a clause sheet of %s within the bound", (_, sheet) => {
    expect(timed(() => parseClauseSheet(sheet))).toBeLessThan(SPLIT_BOUND_MS);
  });

  it("proposes the real basic policy's clauses from its text laid out as pasted", () => {
    const policy = parse(readFileSync("content/policy/basic-policy.yaml", "utf8")) as {
      clauses: { id: string; heading: string; text: string; editorial?: boolean }[];
    };
    const lines: string[] = [];
    for (const clause of policy.clauses) {
      const item = /^\d+\((\d+)\)$/.exec(clause.id);
      const sub = /^\d+\(\d+\)(.)$/.exec(clause.id);
      const heading = clause.editorial ? "" : clause.heading;
      if (sub) lines.push(`  ${sub[1]} ${heading || clause.text.split("\n\n")[0]}`);
      else if (item) lines.push(` (${item[1]}) ${heading}`);
      else lines.push(`${clause.id} ${heading}`);
      const paragraphs = clause.text.split("\n\n");
      for (const paragraph of sub && !heading ? paragraphs.slice(1) : paragraphs) lines.push(`  ${paragraph}`);
    }
    const proposed = splitPolicy(lines.join("\n"));
    expect(proposed.map((c) => c.id)).toEqual(policy.clauses.map((c) => c.id));
    expect(proposed.map((c) => [c.heading, c.text].filter(Boolean).join("\n\n"))).toEqual(
      policy.clauses.map((c) => [c.editorial ? "" : c.heading, c.text].filter(Boolean).join("\n\n")),
    );
    expect(parseClauseSheet(clauseSheet(proposed))).toEqual(proposed);
  });
});

/** The largest form body the server reads; any one field may be nearly all of it. */
const FORM_BODY = 25 * 1024 * 1024;
/** The largest staff CSV; one cell may be nearly all of it. */
const CSV_FILE = 20 * 1024 * 1024;
/** The organisations field of the city settings form (admin.city), checked before it is split. */
const ORGANISATION_LINES = 20_000;

/** Text of `length` characters built from `unit`, ending in `tail` (what makes a match fail late). */
const adversarial = (length: number, unit: string, tail = "") => atMost(length - tail.length, unit) + tail;

/**
 * For each pattern, strings that make a backtracking engine try every split
 * of a long run (a run the pattern can take in more than one way, followed
 * by what makes the match fail), at the largest size that reaches it: a
 * whole file or body where nothing bounds it first, the cap where one does.
 */
const CSV_CELLS: [string, (cell: string) => unknown, string[]][] = [
  [
    "a date cell (parseJapaneseDate, bounded by its own length check)",
    parseJapaneseDate,
    [adversarial(CSV_FILE, "1/", "x"), adversarial(CSV_FILE, " 1", "!"), "令和" + adversarial(40, " 1")],
  ],
  [
    "an employee number cell (normalised, then EMPLOYEE_NUMBER)",
    (cell) => EMPLOYEE_NUMBER.test(normaliseEmployeeNumber(cell)),
    [adversarial(MAX_CELL_CHARS, "A-"), adversarial(MAX_CELL_CHARS, " ", "!")],
  ],
  [
    "a mail address cell (EMAIL; a staff form's is 254 characters at most)",
    (cell) => EMAIL.test(cell),
    [
      `a@${adversarial(MAX_CELL_CHARS - 2, ".", "@")}`,
      `a@${adversarial(MAX_CELL_CHARS - 2, "a.", "@")}`,
      adversarial(MAX_CELL_CHARS, "a@", " "),
    ],
  ],
  [
    "a 担当 cell (readDutiesCell)",
    readDutiesCell,
    [adversarial(MAX_CELL_CHARS, "、 ,"), adversarial(MAX_CELL_CHARS, "幹部、")],
  ],
  [
    "a cell written to a CSV export (toCsv; stored text is a form's field, 100,000 characters at most)",
    (cell) => toCsv(["x"], [[cell]]),
    [adversarial(100_000, '"'), adversarial(100_000, "=\r\n"), adversarial(100_000, "\uFE66")],
  ],
];

const FORM_FIELDS: [string, (field: string) => unknown, string[]][] = [
  [
    "a staff record's fields (StaffRecordForm: lengths are checked before the patterns)",
    (field) =>
      StaffRecordForm.safeParse({
        employeeNumber: field,
        name: field,
        nameKana: field,
        email: field,
        startDate: field,
        appointmentStart: field,
        appointmentEnd: field,
      }),
    [adversarial(FORM_BODY, "a@a.", "@"), adversarial(FORM_BODY, "1-", "x")],
  ],
  [
    "the city's settings (CitySettingsSchema)",
    (field) =>
      CitySettingsSchema.safeParse({ cityName: field, policyTitle: field, reportAddress: field, organisations: [] }),
    [adversarial(FORM_BODY, "a.", "@"), adversarial(FORM_BODY, "a@a-a.", "!")],
  ],
  [
    "the city's organisation lines (parseOrganisationLines)",
    parseOrganisationLines,
    [adversarial(ORGANISATION_LINES, "a ", "\n"), adversarial(ORGANISATION_LINES, "\u3000 ")],
  ],
  [
    "a bulletin (BulletinForm) and the citations in a body, a lesson or a policy",
    (field) => {
      BulletinForm.safeParse({ title: field, body: field, month: field });
      return [...field.matchAll(CITATION)].length;
    },
    [adversarial(FORM_BODY, "[["), adversarial(FORM_BODY, "[[a"), adversarial(FORM_BODY, "[[a]", "]")],
  ],
  [
    "a drill campaign (readCampaignForm, datetime-local, employee number list)",
    (field) => {
      japanLocalToInstant(field);
      return readCampaignForm({
        name: field,
        windowStart: field,
        windowEnd: field,
        endDate: field,
        employeeNumbers: field,
      });
    },
    [adversarial(FORM_BODY, "2026-12-01T09:00"), adversarial(FORM_BODY, "1, 、")],
  ],
  [
    "the pasted list of employee numbers (2,000,000 characters at most)",
    parseEmployeeNumberList,
    [adversarial(2_000_000, "1, 、"), adversarial(2_000_000, "職員番号\n")],
  ],
  [
    "the content editor's lists (splitList, choice lines; a module body is 100,000 characters at most)",
    (field) => [splitList(field), parseChoiceLines(field)],
    [adversarial(100_000, " ,、"), adversarial(100_000, "a \n")],
  ],
  [
    "ids and keys in a path or form (parseId, keyParam)",
    (field) => {
      parseId(field);
      try {
        keyParam(field);
      } catch {
        // A key that is not one answers 404; only the time matters here.
      }
    },
    [adversarial(FORM_BODY, "1"), adversarial(FORM_BODY, "a.", "!")],
  ],
];

describe.each([
  ["a CSV cell", CSV_CELLS],
  ["a form field", FORM_FIELDS],
])("patterns that read %s, at the largest size that reaches them", (_, table) => {
  it.each(table)("%s", async (__, read, inputs) => {
    for (const input of inputs) {
      let took = 0;
      const delay = await loopDelayOf(() => (took = timed(() => read(input))));
      expect(took, `${JSON.stringify(input.slice(0, 12))}… took ${Math.round(took)} ms`).toBeLessThan(BOUND_MS);
      expect(delay).toBeLessThan(BOUND_MS);
    }
  });
});

describe("a staff CSV row with cells of megabytes", () => {
  it("is reported cell by cell without reading the cells, within the bound", async () => {
    const huge = adversarial(CSV_FILE / 8, "a@a.", "@");
    const text = `職員番号,氏名,所属,任用形態,採用日,メールアドレス\n${[huge, huge, "市長部局", "常勤職員", huge, huge].join(",")}\n`;
    const lookups = { organisations: [{ id: "mayor", name: "市長部局" }], employeeTypes: [] };
    const started = performance.now();
    const { rows, problems } = await parseStaffCsv(text, lookups);
    expect(rows).toEqual([]);
    expect(problems.map((p) => p.column)).toEqual(["職員番号", "氏名", "採用日", "メールアドレス"]);
    expect(problems[0]!.message).toContain(`${MAX_CELL_CHARS}文字まで`);
    expect(performance.now() - started).toBeLessThan(BOUND_MS * 8);
  });
});
