import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { writeTransaction } from "~/lib/sql-write.server.ts";
import { assignFollowUp, drillFollowUp } from "~/services/assignments.server.ts";
import { createCampaign } from "~/services/drill-campaigns.server.ts";
import { compareCampaigns, exportCampaignCsv, repeatClickers } from "~/services/drill-results.server.ts";
import { loader as resultsLoader } from "~/routes/drills.$campaignId.results.tsx";
import { loader as exportLoader } from "~/routes/drills.$campaignId.export.ts";
import { loader as printLoader } from "~/routes/reports.print.tsx";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

const t0 = new Date("2026-11-24T00:30:00Z"); // 09:30 in Japan
const min = (m: number) => new Date(t0.getTime() + m * 60_000);
let campaignId: number;
let hr: { id: number };
let fireManager: { id: number };
let a: { id: number; employeeNumber: string };

async function campaign(name: string) {
  const c = await createCampaign(CLI_ACTOR, {
    name,
    scenarioId: "contractor-invoice",
    targets: { kind: "filter" },
    windowStart: t0,
    windowEnd: min(480),
    businessHoursOnly: true,
    endDate: "2026-12-31",
  });
  await db.drillCampaign.update({ where: { id: c.id }, data: { status: "ended" } });
  return c.id;
}

/**
 * The seeded campaign: six people, five delivered, in two organisations
 * and two employee types, with every kind of outcome.
 */
beforeAll(async () => {
  hr = await createStaff({ role: "HR" });
  fireManager = await createStaff({ role: "MANAGER", organisationId: "fire" });
  a = await createStaff({ organisationId: "fire", employeeTypeCode: "regular", name: "甲 職員" });
  const b = await createStaff({ organisationId: "fire", employeeTypeCode: "regular" });
  const c = await createStaff({ organisationId: "fire", employeeTypeCode: "fiscal-year", name: "丙 職員" });
  const d = await createStaff({ organisationId: "mayor", employeeTypeCode: "regular" });
  const e = await createStaff({ organisationId: "mayor", employeeTypeCode: "regular" });
  const f = await createStaff({ organisationId: "mayor", employeeTypeCode: "fiscal-year" });
  campaignId = await campaign("契約事業者の請求書");
  const sent = { status: "sent", channel: "smtp" };
  await db.drillMessage.createMany({
    data: [
      { campaignId, staffId: a.id, ...sent, nextTryAt: t0, sentAt: t0, clickedAt: min(10), reportedAt: min(20) },
      { campaignId, staffId: b.id, ...sent, nextTryAt: t0, sentAt: t0, reportedAt: min(5) },
      {
        campaignId,
        staffId: c.id,
        ...sent,
        nextTryAt: min(60),
        sentAt: min(60),
        clickedAt: min(90),
        openedAttachmentAt: min(90),
        enteredAt: min(91),
      },
      { campaignId, staffId: d.id, ...sent, nextTryAt: min(120), sentAt: min(120), firstFetchAt: min(121) },
      { campaignId, staffId: e.id, status: "failed", error: "550 no such user", nextTryAt: t0 },
      { campaignId, staffId: f.id, ...sent, nextTryAt: t0, sentAt: t0, reportedAt: min(40) },
    ],
  });
  // The follow-up course their clicks gave them, as the click assigns it.
  for (const { id } of [a, c]) {
    const person = await db.staff.findUniqueOrThrow({ where: { id } });
    const followUp = await drillFollowUp(person, "drill-follow-up", campaignId, "2026-11-24");
    await writeTransaction(function* () {
      yield* assignFollowUp(followUp!);
    });
  }
  // An earlier drill in which 甲 clicked too.
  const earlier = await campaign("宅配便の不在通知");
  await db.drillMessage.create({
    data: { campaignId: earlier, staffId: a.id, ...sent, nextTryAt: t0, sentAt: t0, clickedAt: min(3) },
  });
});

const figures = (
  targeted: number,
  delivered: number,
  clicked: number,
  openedAttachment: number,
  entered: number,
  reported: number,
  reportedWithoutClicking: number,
  medianMinutesToReport: number | null,
) => ({
  targeted,
  delivered,
  clicked,
  clickRate: clicked / delivered,
  openedAttachment,
  entered,
  // Nobody here replied to the fake sender (drills.test.ts sends a reply).
  replied: 0,
  replyRate: 0,
  reported,
  reportRate: reported / delivered,
  reportedWithoutClicking,
  medianMinutesToReport,
});

type Results = {
  results: {
    totals: unknown;
    byOrganisation: { key: string; figures: unknown }[];
    byEmployeeType: { key: string; figures: unknown }[];
    timeline: unknown[];
  };
  people: { employeeNumber: string; clickedAt: string | null }[] | null;
  followUps: { name: string; dueDate: string; completed: boolean }[] | null;
};

describe("the results of a seeded campaign", () => {
  it("gives HR every figure, by organisation and employee type, with the timeline and each person", async () => {
    const response = await call(resultsLoader as never, await requestAs(hr, `/drills/${campaignId}/results`), {
      campaignId: String(campaignId),
    });
    expect(response.status).toBe(200);
    const { results, people, followUps } = (await response.json()) as Results;
    // 開封率 = 2 ÷ 5, 通報率 = 3 ÷ 5; time to report 20, 5, 40 minutes.
    expect(results.totals).toEqual(figures(6, 5, 2, 1, 1, 3, 2, 20));
    expect(results.byOrganisation).toEqual([
      { key: "mayor", label: "市長部局", figures: figures(3, 2, 0, 0, 0, 1, 1, 40) },
      { key: "fire", label: "消防本部", figures: figures(3, 3, 2, 1, 1, 2, 1, 12.5) },
    ]);
    expect(results.byEmployeeType).toEqual([
      { key: "regular", label: "常勤職員", figures: figures(4, 3, 1, 0, 0, 2, 1, 12.5) },
      { key: "fiscal-year", label: "会計年度任用職員", figures: figures(2, 2, 1, 1, 1, 1, 1, 40) },
    ]);
    expect(results.timeline).toEqual([
      { hour: 1, clicked: 1, reported: 3 },
      ...[2, 3, 4, 5, 6, 7, 8].map((hour) => ({ hour, clicked: 2, reported: 3 })),
    ]);
    expect(people).toHaveLength(6);
    expect(people!.find((p) => p.employeeNumber === a.employeeNumber)!.clickedAt).toBe(min(10).toISOString());
    expect(followUps).toBeNull();
  });

  it("gives a manager their organisation's figures and follow-ups, without anyone's click times", async () => {
    const response = await call(resultsLoader as never, await requestAs(fireManager, `/drills/${campaignId}/results`), {
      campaignId: String(campaignId),
    });
    const body = (await response.json()) as Results;
    expect(body.results.totals).toEqual(figures(3, 3, 2, 1, 1, 2, 1, 12.5));
    expect(body.results.byOrganisation.map((g) => g.key)).toEqual(["fire"]);
    expect(body.people).toBeNull();
    expect(body.followUps).toEqual([
      { name: "甲 職員", employeeNumber: a.employeeNumber, sectionName: null, dueDate: "2026-12-08", completed: false },
      expect.objectContaining({ name: "丙 職員", dueDate: "2026-12-08", completed: false }),
    ]);
    expect(JSON.stringify(body)).not.toContain(min(10).toISOString());
    const csv = await call(exportLoader as never, await requestAs(fireManager, `/drills/${campaignId}/export`), {
      campaignId: String(campaignId),
    });
    expect(csv.status).toBe(403);
  });

  it("compares campaigns and finds repeat clickers", async () => {
    const comparison = await compareCampaigns({});
    expect(comparison.map((c) => [c.name, c.figures.clicked, c.figures.delivered])).toEqual([
      ["契約事業者の請求書", 2, 5],
      ["宅配便の不在通知", 1, 1],
    ]);
    expect(await repeatClickers(5)).toEqual([expect.objectContaining({ id: a.id, clicks: 2, of: 2 })]);
    expect(await repeatClickers(1)).toEqual([]);
  });

  it("exports each person's outcome as CSV, audited", async () => {
    const { csv } = await exportCampaignCsv({ staffId: hr.id, address: "test" }, campaignId);
    expect(csv.startsWith("\uFEFF")).toBe(true); // Excel reads UTF-8
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe(
      "職員番号,氏名,所属,課,任用形態,状態,配信日時,開封（クリック）日時,添付を開いた日時,入力した日時,返信日時,報告日時",
    );
    expect(lines.find((l) => l.startsWith(a.employeeNumber))).toBe(
      `${a.employeeNumber},甲 職員,消防本部,,常勤職員,sent,2026年11月24日 09:30,2026年11月24日 09:40,,,,2026年11月24日 09:50`,
    );
    expect(await db.auditLog.count({ where: { action: "drill.export", targetId: String(campaignId) } })).toBe(1);
  });
});

describe("the committee's report", () => {
  it("carries the last drill's 開封率 and 通報率, for a manager their organisation's", async () => {
    // The narrative's earlier drill ran a week before the seeded one.
    await db.drillCampaign.updateMany({
      where: { id: { not: campaignId } },
      data: { windowStart: new Date(t0.getTime() - 7 * 24 * 3600_000) },
    });
    for (const [viewer, expected] of [
      [hr, figures(6, 5, 2, 1, 1, 3, 2, 20)],
      [fireManager, figures(3, 3, 2, 1, 1, 2, 1, 12.5)],
    ] as const) {
      const response = await call(printLoader as never, await requestAs(viewer, "/reports/print"));
      expect(response.status).toBe(200);
      const { drill } = (await response.json()) as { drill: { id: number; name: string; figures: unknown } };
      expect(drill.id).toBe(campaignId);
      expect(drill.name).toBe("契約事業者の請求書");
      expect(drill.figures).toEqual(expected);
    }
  });
});
