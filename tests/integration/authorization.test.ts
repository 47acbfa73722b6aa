import { readdirSync } from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import type { Role } from "~/domain/roles.ts";
import { startDraft } from "~/services/content-draft.server.ts";
import { createSendingDrill, createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

type Visitor = "anonymous" | Role;
const VISITORS: Visitor[] = ["anonymous", "LEARNER", "MANAGER", "HR", "ADMIN"];

type Fixture = {
  learner: { id: number };
  assignmentId: number;
  attemptId: number;
  outsider: { id: number };
  campaignId: number;
  drillToken: string;
  /** A bulletin for the role LEARNER only. */
  bulletinId: number;
};

/**
 * Every route file, the page a visitor opens, and the status each kind of
 * visitor must get. A route added without a line here fails the first test.
 * 302 for anonymous means "sent to the login page".
 */
const MATRIX: Record<
  string,
  { path: (f: Fixture) => string; params?: (f: Fixture) => Record<string, string>; expect: Record<Visitor, number> }
> = {
  "_index.tsx": { path: () => "/", expect: { anonymous: 302, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 } },
  "login.tsx": { path: () => "/login", expect: { anonymous: 200, LEARNER: 302, MANAGER: 302, HR: 302, ADMIN: 302 } },
  "logout.tsx": { path: () => "/logout", expect: { anonymous: 302, LEARNER: 302, MANAGER: 302, HR: 302, ADMIN: 302 } },
  "password.tsx": {
    path: () => "/password",
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "policy.tsx": { path: () => "/policy", expect: { anonymous: 302, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 } },
  "healthz.ts": { path: () => "/healthz", expect: { anonymous: 200, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 } },
  // A learner's own assignment: every other visitor is told it does not exist.
  "learn.$assignmentId._index.tsx": {
    path: (f) => `/learn/${f.assignmentId}`,
    params: (f) => ({ assignmentId: String(f.assignmentId) }),
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 404, HR: 404, ADMIN: 404 },
  },
  "learn.$assignmentId.modules.$slug.tsx": {
    path: (f) => `/learn/${f.assignmentId}/modules/duty`,
    params: (f) => ({ assignmentId: String(f.assignmentId), slug: "duty" }),
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 404, HR: 404, ADMIN: 404 },
  },
  "learn.$assignmentId.quiz.tsx": {
    path: (f) => `/learn/${f.assignmentId}/quiz`,
    params: (f) => ({ assignmentId: String(f.assignmentId) }),
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 404, HR: 404, ADMIN: 404 },
  },
  "learn.$assignmentId.attempts.$attemptId.tsx": {
    path: (f) => `/learn/${f.assignmentId}/attempts/${f.attemptId}`,
    params: (f) => ({ assignmentId: String(f.assignmentId), attemptId: String(f.attemptId) }),
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 404, HR: 404, ADMIN: 404 },
  },
  "learn.$assignmentId.pledge.tsx": {
    path: (f) => `/learn/${f.assignmentId}/pledge`,
    params: (f) => ({ assignmentId: String(f.assignmentId) }),
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 404, HR: 404, ADMIN: 404 },
  },
  "learn.$assignmentId.certificate.tsx": {
    path: (f) => `/learn/${f.assignmentId}/certificate`,
    params: (f) => ({ assignmentId: String(f.assignmentId) }),
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 404, HR: 404, ADMIN: 404 },
  },
  "team._index.tsx": {
    path: () => "/team",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 403, ADMIN: 403 },
  },
  "team.$staffId.tsx": {
    path: (f) => `/team/${f.outsider.id}`,
    params: (f) => ({ staffId: String(f.outsider.id) }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 404, HR: 403, ADMIN: 403 },
  },
  "staff._index.tsx": {
    path: () => "/staff",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "staff.new.tsx": {
    path: () => "/staff/new",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "staff.$staffId.tsx": {
    path: (f) => `/staff/${f.learner.id}`,
    params: (f) => ({ staffId: String(f.learner.id) }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "staff.import.tsx": {
    path: () => "/staff/import",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "staff.import-template.ts": {
    path: () => "/staff/import-template",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "certificates.tsx": {
    path: () => "/certificates",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "reports._index.tsx": {
    path: () => "/reports",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.organisations.tsx": {
    path: () => "/reports/organisations?cell=fire~regular",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.overdue.tsx": {
    path: () => "/reports/overdue",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.items.tsx": {
    path: () => "/reports/items",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.mastery.tsx": {
    path: () => "/reports/mastery",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.people._index.tsx": {
    path: () => "/reports/people?q=1",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.print.tsx": {
    path: () => "/reports/print",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.export.$table.ts": {
    path: () => "/reports/export/matrix",
    params: () => ({ table: "matrix" }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.people.$staffId.tsx": {
    path: (f) => `/reports/people/${f.outsider.id}`,
    params: (f) => ({ staffId: String(f.outsider.id) }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 404, HR: 200, ADMIN: 200 },
  },
  "reports.questions.$questionId.tsx": {
    path: () => "/reports/questions/threats-01",
    params: () => ({ questionId: "threats-01" }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "bulletins._index.tsx": {
    path: () => "/bulletins",
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  // A bulletin exists only for the people its audience reaches.
  "bulletins.$bulletinId.tsx": {
    path: (f) => `/bulletins/${f.bulletinId}`,
    params: (f) => ({ bulletinId: String(f.bulletinId) }),
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 404, HR: 404, ADMIN: 404 },
  },
  "monthly-question.tsx": {
    path: () => "/monthly-question",
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "mastery.tsx": {
    path: () => "/mastery",
    expect: { anonymous: 302, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.bulletins._index.tsx": {
    path: () => "/reports/bulletins",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.bulletins.$bulletinId.tsx": {
    path: (f) => `/reports/bulletins/${f.bulletinId}`,
    params: (f) => ({ bulletinId: String(f.bulletinId) }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "reports.bulletins.export.$table.ts": {
    path: (f) => `/reports/bulletins/export/pending?bulletinId=${f.bulletinId}`,
    params: () => ({ table: "pending" }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "admin.bulletins.tsx": {
    path: () => "/admin/bulletins",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "admin.monthly-question.tsx": {
    path: () => "/admin/monthly-question",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "admin.due-dates.tsx": {
    path: () => "/admin/due-dates",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "admin.delta.tsx": {
    path: () => "/admin/delta",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "admin.rollover.tsx": {
    path: () => "/admin/rollover",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.audit.tsx": {
    path: () => "/admin/audit",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.city.tsx": {
    path: () => "/admin/city",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.content._index.tsx": {
    path: () => "/admin/content",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  // The item editors open items of the draft started in beforeAll.
  "admin.content.clauses.$clauseId.tsx": {
    path: () => `/admin/content/clauses/${encodeURIComponent("6(2)ア")}`,
    params: () => ({ clauseId: "6(2)ア" }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.content.modules.$slug.tsx": {
    path: () => "/admin/content/modules/threats",
    params: () => ({ slug: "threats" }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.content.questions.$questionId.tsx": {
    path: () => "/admin/content/questions/threats-01",
    params: () => ({ questionId: "threats-01" }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.content.tracks.$trackId.tsx": {
    path: () => "/admin/content/tracks/onboarding",
    params: () => ({ trackId: "onboarding" }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.content.policy.tsx": {
    path: () => "/admin/content/policy",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.content.releases.tsx": {
    path: () => "/admin/content/releases",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "admin.content.export.ts": {
    path: () => "/admin/content/export",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  // The drill link opens without a login: it is in the person's mail.
  "d.$token.tsx": {
    path: (f) => `/d/${f.drillToken}`,
    params: (f) => ({ token: f.drillToken }),
    expect: { anonymous: 200, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "report.tsx": { path: () => "/report", expect: { anonymous: 302, LEARNER: 200, MANAGER: 200, HR: 200, ADMIN: 200 } },
  "admin.mail-reports.tsx": {
    path: () => "/admin/mail-reports",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
  "drills._index.tsx": {
    path: () => "/drills",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "drills.new.tsx": {
    path: () => "/drills/new",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "drills.$campaignId._index.tsx": {
    path: (f) => `/drills/${f.campaignId}`,
    params: (f) => ({ campaignId: String(f.campaignId) }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  // A manager sees their organisation's figures, not each person's.
  "drills.$campaignId.results.tsx": {
    path: (f) => `/drills/${f.campaignId}/results`,
    params: (f) => ({ campaignId: String(f.campaignId) }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 200, HR: 200, ADMIN: 200 },
  },
  "drills.$campaignId.export.ts": {
    path: (f) => `/drills/${f.campaignId}/export`,
    params: (f) => ({ campaignId: String(f.campaignId) }),
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 200, ADMIN: 200 },
  },
  "admin.directory.tsx": {
    path: () => "/admin/directory",
    expect: { anonymous: 302, LEARNER: 403, MANAGER: 403, HR: 403, ADMIN: 200 },
  },
};

const routeFiles = readdirSync("app/routes").filter((f) => /\.tsx?$/.test(f));
const people = {} as Record<Role, { id: number }>;
const fixture = {} as Fixture;

beforeAll(async () => {
  for (const role of ["LEARNER", "MANAGER", "HR", "ADMIN"] as const)
    people[role] = await createStaff({ role, organisationId: "fire" });
  fixture.learner = people.LEARNER;
  fixture.outsider = await createStaff({ organisationId: "mayor" });
  const assignment = await db.assignment.create({
    data: {
      staffId: people.LEARNER.id,
      trackId: "onboarding",
      cycleKey: "once",
      fiscalYear: 2026,
      dueDate: "2026-12-31",
    },
  });
  fixture.assignmentId = assignment.id;
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
  fixture.attemptId = attempt.id;
  await startDraft({ staffId: people.ADMIN.id, address: "test" });
  const drill = await createSendingDrill(people.LEARNER.id);
  fixture.campaignId = drill.campaignId;
  fixture.drillToken = drill.token;
  const bulletin = await db.bulletin.create({
    data: {
      title: "職員の皆さんへ",
      body: "本文",
      audience: { organisationIds: [], employeeTypeCodes: [], roles: ["LEARNER"] },
      publishOn: "2026-04-01",
    },
  });
  fixture.bulletinId = bulletin.id;
});

describe("authorization of every route", () => {
  it("has an expectation for every route file, and none for a route that does not exist", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(routeFiles.sort());
  });

  for (const file of routeFiles) {
    for (const visitor of VISITORS) {
      it(`${file} as ${visitor}`, async () => {
        const entry = MATRIX[file];
        if (!entry) throw new Error(`no authorization expectation for app/routes/${file}`);
        const route = (await import(`../../app/routes/${file}`)) as { loader?: (args: LoaderFunctionArgs) => unknown };
        if (!route.loader) throw new Error(`${file} has no loader to visit`);
        const path = entry.path(fixture);
        const request =
          visitor === "anonymous" ? new Request(`http://localhost${path}`) : await requestAs(people[visitor], path);
        const response = await call(route.loader as never, request, entry.params?.(fixture) ?? {});
        expect(response.status).toBe(entry.expect[visitor]);
        if (visitor === "anonymous" && response.status === 302 && file !== "logout.tsx") {
          expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
        }
      });
    }
  }
});
