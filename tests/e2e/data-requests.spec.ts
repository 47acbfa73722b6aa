import { readdirSync } from "node:fs";
import { E2E_DATABASE, E2E_SESSION_SECRET } from "../../playwright.config.ts";
import { expect, readDatabase, test } from "./fixtures.ts";
import { sessionCookieValue } from "./sessions.ts";

/**
 * Requests a tester sends that Mamori's own pages never do, through the
 * production server: Remix's old `?_data=` data requests on every route,
 * and a dozen heavy pages at once. Whatever they are, never a 500.
 */
const routeIds = readdirSync("app/routes")
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => f.replace(/\.tsx?$/, ""));

/** A URL for a route file: `$param` segments become `1`, `_index` and pathless `_x` segments go. */
function pathOf(routeId: string): string {
  const segments = routeId
    .split(".")
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => (s.startsWith("$") ? "1" : s));
  return `/${segments.join("/")}`;
}

async function cookieFor(employeeNumber: string): Promise<string> {
  const [staff] = readDatabase<{ id: number }>("SELECT id FROM Staff WHERE employeeNumber = ?", employeeNumber);
  return `__mamori=${await sessionCookieValue(E2E_DATABASE, staff!.id, E2E_SESSION_SECRET)}`;
}

test("?_data= on every route, as every kind of visitor, is never answered 500", async ({ request }) => {
  test.setTimeout(120_000);
  const visitors: [string, string | null][] = [
    ["anonymous", null],
    ["LEARNER", await cookieFor("100001")],
    ["HR", await cookieFor("300001")],
    ["ADMIN", await cookieFor("900001")],
  ];
  const failures: string[] = [];
  for (const routeId of routeIds) {
    for (const data of [`routes/${routeId}`, "root", "", "routes/none"]) {
      const url = `${pathOf(routeId)}?_data=${encodeURIComponent(data)}`;
      for (const [who, cookie] of visitors) {
        const response = await request.get(url, { headers: cookie ? { Cookie: cookie } : {}, maxRedirects: 0 });
        if (response.status() >= 500) failures.push(`${who} ${url} → ${response.status()}`);
      }
    }
  }
  expect(failures).toEqual([]);
  const refused = await request.get("/staff/import?_data=routes/staff.import", {
    headers: { Cookie: visitors[2]![1]! },
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("この形式の要求には対応していません");
});

test("a dozen release-history pages requested at once are all answered", async ({ request }) => {
  test.setTimeout(120_000);
  const cookie = await cookieFor("900001");
  const responses = await Promise.all(
    Array.from({ length: 24 }, (_, i) =>
      request.get(`/admin/content/releases?q=${"検索".repeat(i + 1)}&from=1&to=1`, {
        headers: { Cookie: cookie },
        timeout: 100_000,
      }),
    ),
  );
  expect(responses.map((r) => r.status())).toEqual(responses.map(() => 200));
});
