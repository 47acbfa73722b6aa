import { readdirSync } from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import type { Role } from "~/domain/roles.ts";
import { startDraft } from "~/services/content-draft.server.ts";
import { createSendingDrill, createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

/**
 * The loader half of the fuzz grid: every route file, as the person who may
 * open it, with hostile query strings and hostile ids in its path. Whatever
 * the request, the answer is a page, a redirect or a 4xx — never a 500.
 */
type Fixture = {
  learner: number;
  member: number;
  assignment: number;
  attempt: number;
  bulletin: number;
  campaign: number;
  drillToken: string;
};
type Entry = { as: Role | "anonymous"; path: string; params?: Record<string, string>; ids?: string[] };

const ROUTES: Record<string, (f: Fixture) => Entry> = {
  "admin.city.tsx": () => ({ as: "ADMIN", path: "/admin/city" }),
  "admin.content._index.tsx": () => ({ as: "ADMIN", path: "/admin/content" }),
  "admin.content.clauses.$clauseId.tsx": () => ({
    as: "ADMIN",
    path: `/admin/content/clauses/${encodeURIComponent("6(2)ア")}`,
    params: { clauseId: "6(2)ア" },
    ids: ["clauseId"],
  }),
  "admin.content.modules.$slug.tsx": () => ({
    as: "ADMIN",
    path: "/admin/content/modules/threats",
    params: { slug: "threats" },
    ids: ["slug"],
  }),
  "admin.content.questions.$questionId.tsx": () => ({
    as: "ADMIN",
    path: "/admin/content/questions/threats-01",
    params: { questionId: "threats-01" },
    ids: ["questionId"],
  }),
  "admin.content.tracks.$trackId.tsx": () => ({
    as: "ADMIN",
    path: "/admin/content/tracks/onboarding",
    params: { trackId: "onboarding" },
    ids: ["trackId"],
  }),
  "admin.content.policy.tsx": () => ({ as: "ADMIN", path: "/admin/content/policy" }),
  "admin.content.releases.tsx": () => ({ as: "ADMIN", path: "/admin/content/releases" }),
  "admin.content.export.ts": () => ({ as: "ADMIN", path: "/admin/content/export" }),
  "admin.mail-reports.tsx": () => ({ as: "ADMIN", path: "/admin/mail-reports" }),
  "d.$token.tsx": (f) => ({
    as: "anonymous",
    path: `/d/${f.drillToken}`,
    params: { token: f.drillToken },
    ids: ["token"],
  }),
  "report.tsx": () => ({ as: "LEARNER", path: "/report" }),
  "drills._index.tsx": () => ({ as: "HR", path: "/drills" }),
  "drills.new.tsx": () => ({ as: "HR", path: "/drills/new" }),
  "drills.$campaignId._index.tsx": (f) => ({
    as: "HR",
    path: `/drills/${f.campaign}`,
    params: { campaignId: String(f.campaign) },
    ids: ["campaignId"],
  }),
  "drills.$campaignId.results.tsx": (f) => ({
    as: "HR",
    path: `/drills/${f.campaign}/results`,
    params: { campaignId: String(f.campaign) },
    ids: ["campaignId"],
  }),
  "drills.$campaignId.export.ts": (f) => ({
    as: "HR",
    path: `/drills/${f.campaign}/export`,
    params: { campaignId: String(f.campaign) },
    ids: ["campaignId"],
  }),
  "_index.tsx": () => ({ as: "LEARNER", path: "/" }),
  "login.tsx": () => ({ as: "anonymous", path: "/login" }),
  "logout.tsx": () => ({ as: "LEARNER", path: "/logout" }),
  "password.tsx": () => ({ as: "LEARNER", path: "/password" }),
  "policy.tsx": () => ({ as: "LEARNER", path: "/policy" }),
  "healthz.ts": () => ({ as: "anonymous", path: "/healthz" }),
  "learn.$assignmentId._index.tsx": (f) => ({
    as: "LEARNER",
    path: `/learn/${f.assignment}`,
    params: { assignmentId: String(f.assignment) },
    ids: ["assignmentId"],
  }),
  "learn.$assignmentId.modules.$slug.tsx": (f) => ({
    as: "LEARNER",
    path: `/learn/${f.assignment}/modules/duty`,
    params: { assignmentId: String(f.assignment), slug: "duty" },
    ids: ["assignmentId", "slug"],
  }),
  "learn.$assignmentId.quiz.tsx": (f) => ({
    as: "LEARNER",
    path: `/learn/${f.assignment}/quiz`,
    params: { assignmentId: String(f.assignment) },
    ids: ["assignmentId"],
  }),
  "learn.$assignmentId.attempts.$attemptId.tsx": (f) => ({
    as: "LEARNER",
    path: `/learn/${f.assignment}/attempts/${f.attempt}`,
    params: { assignmentId: String(f.assignment), attemptId: String(f.attempt) },
    ids: ["assignmentId", "attemptId"],
  }),
  "learn.$assignmentId.pledge.tsx": (f) => ({
    as: "LEARNER",
    path: `/learn/${f.assignment}/pledge`,
    params: { assignmentId: String(f.assignment) },
    ids: ["assignmentId"],
  }),
  "learn.$assignmentId.certificate.tsx": (f) => ({
    as: "LEARNER",
    path: `/learn/${f.assignment}/certificate`,
    params: { assignmentId: String(f.assignment) },
    ids: ["assignmentId"],
  }),
  "team._index.tsx": () => ({ as: "MANAGER", path: "/team" }),
  "team.$staffId.tsx": (f) => ({
    as: "MANAGER",
    path: `/team/${f.member}`,
    params: { staffId: String(f.member) },
    ids: ["staffId"],
  }),
  "staff._index.tsx": () => ({ as: "HR", path: "/staff" }),
  "staff.new.tsx": () => ({ as: "HR", path: "/staff/new" }),
  "staff.$staffId.tsx": (f) => ({
    as: "HR",
    path: `/staff/${f.learner}`,
    params: { staffId: String(f.learner) },
    ids: ["staffId"],
  }),
  "staff.import.tsx": () => ({ as: "HR", path: "/staff/import" }),
  "staff.import-template.ts": () => ({ as: "HR", path: "/staff/import-template" }),
  "certificates.tsx": () => ({ as: "HR", path: "/certificates" }),
  "reports._index.tsx": () => ({ as: "HR", path: "/reports" }),
  "reports.export.$table.ts": () => ({
    as: "HR",
    path: "/reports/export/matrix",
    params: { table: "matrix" },
    ids: ["table"],
  }),
  "reports.people.$staffId.tsx": (f) => ({
    as: "HR",
    path: `/reports/people/${f.learner}`,
    params: { staffId: String(f.learner) },
    ids: ["staffId"],
  }),
  "reports.questions.$questionId.tsx": () => ({
    as: "MANAGER",
    path: "/reports/questions/threats-01",
    params: { questionId: "threats-01" },
    ids: ["questionId"],
  }),
  "bulletins._index.tsx": () => ({ as: "LEARNER", path: "/bulletins" }),
  "bulletins.$bulletinId.tsx": (f) => ({
    as: "LEARNER",
    path: `/bulletins/${f.bulletin}`,
    params: { bulletinId: String(f.bulletin) },
    ids: ["bulletinId"],
  }),
  "monthly-question.tsx": () => ({ as: "LEARNER", path: "/monthly-question" }),
  "mastery.tsx": () => ({ as: "LEARNER", path: "/mastery" }),
  "reports.bulletins._index.tsx": () => ({ as: "HR", path: "/reports/bulletins" }),
  "reports.bulletins.$bulletinId.tsx": (f) => ({
    as: "HR",
    path: `/reports/bulletins/${f.bulletin}`,
    params: { bulletinId: String(f.bulletin) },
    ids: ["bulletinId"],
  }),
  "reports.bulletins.export.$table.ts": (f) => ({
    as: "HR",
    path: `/reports/bulletins/export/pending?bulletinId=${f.bulletin}`,
    params: { table: "pending" },
    ids: ["table"],
  }),
  "admin.bulletins.tsx": () => ({ as: "HR", path: "/admin/bulletins" }),
  "admin.monthly-question.tsx": () => ({ as: "HR", path: "/admin/monthly-question" }),
  "reports.organisations.tsx": () => ({ as: "HR", path: "/reports/organisations" }),
  "reports.overdue.tsx": () => ({ as: "MANAGER", path: "/reports/overdue" }),
  "reports.items.tsx": () => ({ as: "HR", path: "/reports/items" }),
  "reports.mastery.tsx": () => ({ as: "HR", path: "/reports/mastery" }),
  "reports.people._index.tsx": () => ({ as: "HR", path: "/reports/people" }),
  "reports.print.tsx": () => ({ as: "HR", path: "/reports/print" }),
  "admin.directory.tsx": () => ({ as: "ADMIN", path: "/admin/directory" }),
  "admin.due-dates.tsx": () => ({ as: "HR", path: "/admin/due-dates" }),
  "admin.delta.tsx": () => ({ as: "HR", path: "/admin/delta" }),
  "admin.rollover.tsx": () => ({ as: "ADMIN", path: "/admin/rollover" }),
  "admin.audit.tsx": () => ({ as: "ADMIN", path: "/admin/audit" }),
};

const LONG = "x".repeat(65);
/** Query strings a tester tried, and their relatives: every route gets each of them. */
const QUERIES = [
  "from=9999-99-99&to=0000-00-00",
  "from=2026-02-30&to=2026-13-01",
  "from=%00&to=%0d%0a",
  `target=${LONG}`,
  `target=${"あ".repeat(500)}`,
  "actor=1e20",
  "actor=99999999999999999999",
  "action=staff.create&actor=-1&page=0",
  "page=1e20",
  "page=99999999999999999999",
  "page=-5",
  "page=1.5",
  "sectionId=1e20",
  "sectionId=99999999999999999999",
  "sectionId=9007199254740993",
  "sectionId=-1&organisationId=%ff",
  "organisationId=%00&employeeTypeCode=a%00b&trackId=%01&q=%00",
  "fiscalYear=1e400",
  "fiscalYear=99999",
  "fiscalYear=-2026",
  "status=%E0%A4%A",
  `trackId=${"t".repeat(5000)}`,
  `organisationId=${LONG}&employeeTypeCode=${LONG}`,
  "releaseId=1e20",
  "bulletinId=1e20&month=9999-99",
  "bulletinId=%00&month=%00",
  "code=%00%00%00",
  `code=${"c".repeat(200)}`,
  "q=%25%27%22%3C%3E",
  `q=${"検".repeat(1000)}`,
  "redirectTo=%0d%0aSet-Cookie:%20x=1",
  "redirectTo=/%09/evil.example",
  "page=1&page=2&sectionId=1&sectionId=x",
  "active=maybe",
  "_data=routes%2F_index",
  "%ZZ=%ZZ",
  "=&&==",
];

/** Ids a tester put into paths: beyond the safe integer range, signed, fractional, foreign digits… */
const HOSTILE_IDS = [
  "1e20",
  "99999999999999999999",
  "9007199254740993",
  "2147483648",
  "0",
  "-1",
  "1.5",
  "0x10",
  " 1",
  "１",
  "%00",
  "\u0000",
  "a".repeat(300),
  "..%2F..%2F",
];

const routeFiles = readdirSync("app/routes").filter((f) => /\.tsx?$/.test(f));
const people = {} as Record<Role, { id: number }>;
const fixture = {} as Fixture;

beforeAll(async () => {
  for (const role of ["LEARNER", "MANAGER", "HR", "ADMIN"] as const)
    people[role] = await createStaff({ role, organisationId: "fire" });
  fixture.learner = people.LEARNER.id;
  fixture.member = people.LEARNER.id;
  const assignment = await db.assignment.create({
    data: {
      staffId: people.LEARNER.id,
      trackId: "annual-refresher",
      cycleKey: "FY2026",
      fiscalYear: 2026,
      dueDate: "2026-12-31",
    },
  });
  fixture.assignment = assignment.id;
  const attempt = await db.quizAttempt.create({
    data: {
      assignmentId: assignment.id,
      staffId: people.LEARNER.id,
      releaseId: 1,
      draw: [],
      responses: {},
      passPercent: 80,
      total: 0,
      submittedAt: new Date(),
      correct: 0,
      percent: 0,
      passed: false,
    },
  });
  fixture.attempt = attempt.id;
  const bulletin = await db.bulletin.create({
    data: {
      title: "職員の皆さんへ",
      body: "本文",
      audience: { organisationIds: [], employeeTypeCodes: [], roles: ["LEARNER"] },
      publishOn: "2026-04-01",
    },
  });
  fixture.bulletin = bulletin.id;
  await startDraft({ staffId: people.ADMIN.id, address: "test" });
  const drill = await createSendingDrill(people.LEARNER.id);
  fixture.campaign = drill.campaignId;
  fixture.drillToken = drill.token;
});

type Loader = (args: LoaderFunctionArgs) => unknown;

async function visit(file: string, entry: Entry, path: string, params: Record<string, string>, method = "GET") {
  const route = (await import(`../../app/routes/${file}`)) as { loader: Loader };
  const request =
    entry.as === "anonymous"
      ? new Request(`http://localhost${path}`, { method })
      : await requestAs(people[entry.as], path, { method });
  let status: number;
  try {
    status = (await call(route.loader as never, request, params)).status;
  } catch (error) {
    throw new Error(`${method} ${path} ${JSON.stringify(params)} threw: ${error}`);
  }
  expect(status, `${method} ${path} ${JSON.stringify(params)}`).toBeLessThan(500);
}

describe("hostile query strings and ids never make a loader answer 500", () => {
  it("has an entry for every route file", () => {
    expect(Object.keys(ROUTES).sort()).toEqual(routeFiles.sort());
  });

  for (const file of routeFiles) {
    it(`${file}: every query string, GET and HEAD`, async () => {
      const entry = ROUTES[file]!(fixture);
      for (const query of QUERIES) {
        for (const method of ["GET", "HEAD"])
          await visit(file, entry, `${entry.path}?${query}`, entry.params ?? {}, method);
      }
    });

    const ids =
      ROUTES[file]!({ learner: 1, member: 1, assignment: 1, attempt: 1, bulletin: 1, campaign: 1, drillToken: "t" })
        .ids ?? [];
    if (ids.length > 0)
      it(`${file}: every hostile id in ${ids.join(", ")}`, async () => {
        const entry = ROUTES[file]!(fixture);
        for (const key of ids) {
          for (const id of HOSTILE_IDS) {
            const params = { ...entry.params, [key]: id };
            await visit(file, entry, `${entry.path}?via=${encodeURIComponent(key)}`, params);
          }
        }
      });
  }
});
