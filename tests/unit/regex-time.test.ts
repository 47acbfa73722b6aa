import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { clauseSheet, MAX_POLICY_SOURCE_CHARS, parseClauseSheet, splitPolicy } from "~/domain/content/split-policy.ts";

/**
 * Each function here runs on text from outside (a form field, a paste, an
 * uploaded file) at the largest size the app accepts. They run on the one
 * thread that serves every request, so the test measures how long one call
 * holds it: the event loop's longest delay while the call runs, and the
 * call itself. The bound is generous for this machine yet far below what a
 * quadratic pattern needs at these sizes (seconds to hours).
 */
const BOUND_MS = 250;

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
    ["page-number lookalikes", atMost(MAX_POLICY_SOURCE_CHARS, `-${" ".repeat(50)}1${" ".repeat(50)}x\n`)],
  ];

  it.each(cases)("splits %s within the bound", async (_, source) => {
    expect(source.length).toBeLessThanOrEqual(MAX_POLICY_SOURCE_CHARS);
    let took = 0;
    const delay = await loopDelayOf(() => (took = timed(() => splitPolicy(source))));
    expect(took).toBeLessThan(BOUND_MS * 2);
    expect(delay).toBeLessThan(BOUND_MS * 2);
  });

  it("splits 200,000 short lines within the bound", async () => {
    const source = `1 目的\n${"x\n".repeat(200_000)}`;
    let took = 0;
    const delay = await loopDelayOf(() => (took = timed(() => splitPolicy(source))));
    expect(took).toBeLessThan(BOUND_MS * 2);
    expect(delay).toBeLessThan(BOUND_MS * 2);
  });

  it.each([
    ["clause lines", atMost(MAX_POLICY_SOURCE_CHARS, "## 1 見出し\n")],
    ["one clause of spaces", `## 1${" ".repeat(MAX_POLICY_SOURCE_CHARS - 10)}x`],
    ["blank lines", `## 1 見出し\n${"\n".repeat(MAX_POLICY_SOURCE_CHARS - 20)}x`],
  ])("reads a clause sheet of %s within the bound", (_, sheet) => {
    expect(timed(() => parseClauseSheet(sheet))).toBeLessThan(BOUND_MS * 2);
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
