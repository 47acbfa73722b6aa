import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { t } from "~/lib/i18n.ts";
import { action as dueDatesAction } from "~/routes/admin.due-dates.tsx";
import { action as staffAction } from "~/routes/staff.$staffId.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

// Today is 2026-11-25 (MAMORI_TODAY): fiscal year 2026; the next one ends on 2028-03-31.
const REFUSED: [string, string][] = [
  ["9999-99-99", t("due.dateInvalid")],
  ["2026-02-30", t("due.dateInvalid")],
  ["2027-13-01", t("due.dateInvalid")],
  ["20261231", t("due.dateInvalid")],
  ["2026-11-24", t("due.dateOutOfRange", { from: "2026-11-25", to: "2028-03-31" })],
  ["2028-04-01", t("due.dateOutOfRange", { from: "2026-11-25", to: "2028-03-31" })],
  ["9999-12-31", t("due.dateOutOfRange", { from: "2026-11-25", to: "2028-03-31" })],
];

let hr: { id: number };
let learner: { id: number };
let assignmentId: number;

beforeAll(async () => {
  hr = await createStaff({ role: "HR" });
  learner = await createStaff({ organisationId: "fire" });
  assignmentId = (
    await db.assignment.create({
      data: {
        staffId: learner.id,
        trackId: "annual-refresher",
        cycleKey: "FY2026",
        fiscalYear: 2026,
        dueDate: "2026-12-25",
      },
    })
  ).id;
});

const dueOf = async () => (await db.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).dueDate;

describe("a due-date extension accepts only real days from today to the end of the next fiscal year", () => {
  it.each(REFUSED)("refuses %s for one person, with a clear message, changing nothing", async (date, message) => {
    const response = await call(
      staffAction,
      await requestAs(hr, `/staff/${learner.id}`, {
        form: { intent: "extend", assignmentId: String(assignmentId), newDueDate: date, reason: "確認" },
      }),
      { staffId: String(learner.id) },
    );
    expect(response.status).toBe(400);
    expect((await response.json()).outcome.message).toBe(message);
    expect(await dueOf()).toBe("2026-12-25");
  });

  it.each(REFUSED)("refuses %s for a filter, with a clear message, changing nothing", async (date, message) => {
    for (const intent of ["preview", "apply"]) {
      const response = await call(
        dueDatesAction,
        await requestAs(hr, "/admin/due-dates", {
          form: { intent, fiscalYear: "2026", organisationId: "fire", newDueDate: date, reason: "確認" },
        }),
      );
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe(message);
    }
    expect(await dueOf()).toBe("2026-12-25");
  });

  it("accepts the last day of the next fiscal year", async () => {
    const response = await call(
      staffAction,
      await requestAs(hr, `/staff/${learner.id}`, {
        form: { intent: "extend", assignmentId: String(assignmentId), newDueDate: "2028-03-31", reason: "育児休業" },
      }),
      { staffId: String(learner.id) },
    );
    expect(response.status).toBe(200);
    expect(await dueOf()).toBe("2028-03-31");
  });
});

describe("pages render whatever due date an old row holds", () => {
  type Loader = (args: LoaderFunctionArgs) => unknown;
  const people = {} as Record<"learner" | "manager" | "hr", { id: number }>;
  const ids: number[] = [];

  beforeAll(async () => {
    people.learner = await createStaff({ organisationId: "waterworks" });
    people.manager = await createStaff({ organisationId: "waterworks", role: "MANAGER" });
    people.hr = await createStaff({ role: "HR" });
    for (const [trackId, dueDate] of [
      ["annual-refresher", "9999-99-99"],
      ["onboarding", "2026-13-45"],
      ["appointment-refresher", "2026-00-00"],
    ] as const) {
      const a = await db.assignment.create({
        data: { staffId: people.learner.id, trackId, cycleKey: `X-${trackId}`, fiscalYear: 2026, dueDate },
      });
      ids.push(a.id);
    }
  });

  const pages: [string, keyof typeof people, () => string, () => Record<string, string>][] = [
    ["_index.tsx", "learner", () => "/", () => ({})],
    ["learn.$assignmentId._index.tsx", "learner", () => `/learn/${ids[0]}`, () => ({ assignmentId: String(ids[0]) })],
    ["learn.$assignmentId._index.tsx", "learner", () => `/learn/${ids[1]}`, () => ({ assignmentId: String(ids[1]) })],
    [
      "learn.$assignmentId.modules.$slug.tsx",
      "learner",
      () => `/learn/${ids[0]}/modules/duty`,
      () => ({ assignmentId: String(ids[0]), slug: "duty" }),
    ],
    [
      "learn.$assignmentId.quiz.tsx",
      "learner",
      () => `/learn/${ids[0]}/quiz`,
      () => ({ assignmentId: String(ids[0]) }),
    ],
    [
      "learn.$assignmentId.pledge.tsx",
      "learner",
      () => `/learn/${ids[1]}/pledge`,
      () => ({ assignmentId: String(ids[1]) }),
    ],
    ["team._index.tsx", "manager", () => "/team", () => ({})],
    [
      "team.$staffId.tsx",
      "manager",
      () => `/team/${people.learner.id}`,
      () => ({ staffId: String(people.learner.id) }),
    ],
    ["staff.$staffId.tsx", "hr", () => `/staff/${people.learner.id}`, () => ({ staffId: String(people.learner.id) })],
    [
      "reports.people.$staffId.tsx",
      "hr",
      () => `/reports/people/${people.learner.id}`,
      () => ({ staffId: String(people.learner.id) }),
    ],
    ["reports._index.tsx", "hr", () => "/reports?fiscalYear=2026", () => ({})],
    ["reports.export.$table.ts", "hr", () => "/reports/export/overdue?fiscalYear=2026", () => ({ table: "overdue" })],
  ];

  it.each(pages.map((p, i) => [p[0], i, p] as const))(
    "%s answers 200 (page %i of the list)",
    async (file, _i, [, who, path, params]) => {
      const route = (await import(`../../app/routes/${file}`)) as { loader: Loader };
      const response = await call(route.loader as never, await requestAs(people[who], path()), params());
      expect(response.status).toBe(200);
    },
  );
});
