import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { routeBundles } from "../../scripts/lib/bundle-sizes.ts";

// Reads the production build the browser tests run against; no browser needed.
const bundles = routeBundles("build");
const learnerRoute = (route: string) => /^routes\/(_index|login|password|policy|learn\.)/.test(route);
const containsRecharts = (files: string[]) =>
  files.some((file) => readFileSync(`build/client/${file}`, "utf8").includes("recharts-wrapper"));

test("recharts ships with the report page and nowhere on the learner pages", () => {
  const reports = bundles.find((b) => b.route === "routes/reports._index");
  expect(reports && containsRecharts(reports.files)).toBe(true);
  const learner = bundles.filter((b) => learnerRoute(b.route));
  expect(learner.length).toBeGreaterThanOrEqual(8);
  for (const bundle of learner) expect(containsRecharts(bundle.files), bundle.route).toBe(false);
});

test("every learner page ships at most 150 KB of JavaScript, gzipped", () => {
  for (const bundle of bundles.filter((b) => learnerRoute(b.route))) {
    expect(bundle.gzipBytes, bundle.route).toBeLessThanOrEqual(150 * 1024);
  }
});
