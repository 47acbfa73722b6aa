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

test("every learner page ships at most 150 KB of JavaScript, counted as it travels", async ({ request }) => {
  const learner = bundles.filter((b) => learnerRoute(b.route));
  for (const bundle of learner) expect(bundle.travelBytes, bundle.route).toBeLessThanOrEqual(150 * 1024);
  // The figure is what the server sends a browser that accepts brotli (some of it compressed).
  const home = learner.find((b) => b.route === "routes/_index")!;
  let sent = 0;
  for (const file of home.files) {
    const response = await request.get(`/${file}`, { headers: { "Accept-Encoding": "br" } });
    // Files under 1 KB travel as they are; the rest compressed.
    expect(response.headers()["content-encoding"] ?? "br", file).toBe("br");
    sent += Number(response.headers()["content-length"]);
  }
  expect(sent).toBe(home.travelBytes);
});
