import { db } from "~/lib/db.server.ts";
import type { Actor } from "~/domain/audit.ts";
import { figuresOf, groupFigures, timelineOf, type MessageOutcome } from "~/domain/drills/results.ts";
import { formatDateTime } from "~/domain/japan-time.ts";
import { toCsv } from "~/lib/csv.ts";
import { t } from "~/lib/i18n.ts";
import { recordAudit } from "./audit.server.ts";

/** Hours of the timeline shown after the first delivery. */
export const TIMELINE_HOURS = 8;

/** A manager sees their organisation only; HR and ADMIN everyone. */
export type ResultScope = { organisationId?: string };

async function outcomes(campaignId: number, scope: ResultScope) {
  const rows = await db.drillMessage.findMany({
    where: { campaignId, staff: { organisationId: scope.organisationId } },
    orderBy: { staffId: "asc" },
    select: {
      staffId: true,
      status: true,
      error: true,
      sentAt: true,
      clickedAt: true,
      openedAttachmentAt: true,
      enteredAt: true,
      repliedAt: true,
      reportedAt: true,
      staff: {
        select: {
          name: true,
          employeeNumber: true,
          organisationId: true,
          employeeTypeCode: true,
          organisation: { select: { name: true, sortOrder: true } },
          employeeType: { select: { name: true, sortOrder: true } },
          section: { select: { name: true } },
        },
      },
    },
  });
  return rows.map((r) => ({
    ...r,
    organisationId: r.staff.organisationId,
    organisationName: r.staff.organisation.name,
    employeeTypeCode: r.staff.employeeTypeCode,
    employeeTypeName: r.staff.employeeType.name,
  })) satisfies MessageOutcome[];
}

/** A campaign's figures in total, by organisation and by employee type, and the first hours' timeline. */
export async function campaignResults(campaignId: number, scope: ResultScope) {
  const rows = await outcomes(campaignId, scope);
  const byOrg = [...rows].sort((a, b) => a.staff.organisation.sortOrder - b.staff.organisation.sortOrder);
  const byType = [...rows].sort((a, b) => a.staff.employeeType.sortOrder - b.staff.employeeType.sortOrder);
  return {
    totals: figuresOf(rows),
    byOrganisation: groupFigures(byOrg, (r) => ({ key: r.organisationId, label: r.organisationName })),
    byEmployeeType: groupFigures(byType, (r) => ({ key: r.employeeTypeCode, label: r.employeeTypeName })),
    timeline: timelineOf(rows, TIMELINE_HOURS),
  };
}

/** Each person's outcome, for HR and ADMIN only (who clicked, and when), with their follow-up course. */
export async function individualResults(campaignId: number) {
  const followUps = new Map(
    (
      await db.assignment.findMany({
        where: { cycleKey: `DRILL-C${campaignId}` },
        select: { staffId: true, dueDate: true, completedAt: true },
      })
    ).map((a) => [a.staffId, a]),
  );
  return (await outcomes(campaignId, {})).map((r) => ({
    followUp: followUps.has(r.staffId)
      ? { dueDate: followUps.get(r.staffId)!.dueDate, completed: followUps.get(r.staffId)!.completedAt !== null }
      : null,
    staffId: r.staffId,
    employeeNumber: r.staff.employeeNumber,
    name: r.staff.name,
    organisationName: r.organisationName,
    sectionName: r.staff.section?.name ?? null,
    employeeTypeName: r.employeeTypeName,
    status: r.status,
    error: r.error,
    sentAt: r.sentAt,
    clickedAt: r.clickedAt,
    openedAttachmentAt: r.openedAttachmentAt,
    enteredAt: r.enteredAt,
    repliedAt: r.repliedAt,
    reportedAt: r.reportedAt,
  }));
}

/**
 * A manager's view of their staff: who has the follow-up course and how
 * far they are, without when (or whether otherwise) anyone clicked.
 */
export async function followUpsInOrganisation(campaignId: number, organisationId: string) {
  const assignments = await db.assignment.findMany({
    where: { cycleKey: `DRILL-C${campaignId}`, staff: { organisationId } },
    orderBy: { staffId: "asc" },
    select: {
      dueDate: true,
      completedAt: true,
      staff: { select: { name: true, employeeNumber: true, section: { select: { name: true } } } },
    },
  });
  return assignments.map((a) => ({
    name: a.staff.name,
    employeeNumber: a.staff.employeeNumber,
    sectionName: a.staff.section?.name ?? null,
    dueDate: a.dueDate,
    completed: a.completedAt !== null,
  }));
}

/** Every launched campaign's figures side by side (scoped as above). */
export async function compareCampaigns(scope: ResultScope) {
  const campaigns = await db.drillCampaign.findMany({
    where: { status: { not: "draft" } },
    orderBy: { windowStart: "asc" },
  });
  return Promise.all(
    campaigns.map(async (c) => ({
      id: c.id,
      name: c.name,
      windowStart: c.windowStart,
      figures: figuresOf(await outcomes(c.id, scope)),
    })),
  );
}

/** Staff who clicked in at least two of the last `lastN` launched campaigns, most clicks first. */
export async function repeatClickers(lastN: number) {
  const campaigns = await db.drillCampaign.findMany({
    where: { status: { not: "draft" } },
    orderBy: { windowStart: "desc" },
    take: lastN,
    select: { id: true },
  });
  const clicks = await db.drillMessage.groupBy({
    by: ["staffId"],
    where: { campaignId: { in: campaigns.map((c) => c.id) }, clickedAt: { not: null } },
    _count: { _all: true },
  });
  const repeat = clicks.filter((c) => c._count._all >= 2);
  const staff = await db.staff.findMany({
    where: { id: { in: repeat.map((r) => r.staffId) } },
    select: { id: true, name: true, employeeNumber: true, organisation: { select: { name: true } } },
  });
  const byId = new Map(staff.map((s) => [s.id, s]));
  return repeat
    .map((r) => ({ ...byId.get(r.staffId)!, clicks: r._count._all, of: campaigns.length }))
    .sort((a, b) => b.clicks - a.clicks || a.employeeNumber.localeCompare(b.employeeNumber));
}

export async function organisationName(organisationId: string) {
  return (
    (await db.organisation.findUnique({ where: { id: organisationId }, select: { name: true } }))?.name ??
    organisationId
  );
}

/** A person's own drills: what they received and what they did. */
export function drillHistory(staffId: number) {
  return db.drillMessage.findMany({
    where: { staffId, status: "sent" },
    orderBy: { sentAt: "desc" },
    select: { id: true, sentAt: true, clickedAt: true, reportedAt: true, campaign: { select: { name: true } } },
  });
}

const at = (d: Date | null) => (d ? formatDateTime(d) : "");

/** The per-person results as CSV (the report CSV's format), audited like every export. */
export async function exportCampaignCsv(actor: Actor, campaignId: number) {
  const campaign = await db.drillCampaign.findUniqueOrThrow({ where: { id: campaignId }, select: { name: true } });
  const people = await individualResults(campaignId);
  await recordAudit(db, actor, {
    action: "drill.export",
    targetType: "drillCampaign",
    targetId: campaignId,
    detail: { rows: people.length },
  });
  const headers = [
    t("staff.employeeNumber"),
    t("staff.name"),
    t("staff.organisation"),
    t("staff.section"),
    t("staff.employeeType"),
    t("drills.col.status"),
    t("drills.col.sentAt"),
    t("drills.col.clickedAt"),
    t("drills.col.openedAttachmentAt"),
    t("drills.col.enteredAt"),
    t("drills.col.repliedAt"),
    t("drills.col.reportedAt"),
  ];
  const rows = people.map((p) => [
    p.employeeNumber,
    p.name,
    p.organisationName,
    p.sectionName,
    p.employeeTypeName,
    p.status,
    at(p.sentAt),
    at(p.clickedAt),
    at(p.openedAttachmentAt),
    at(p.enteredAt),
    at(p.repliedAt),
    at(p.reportedAt),
  ]);
  return { fileName: `${campaign.name}.csv`, csv: toCsv(headers, rows) };
}

/**
 * The last launched drill's figures (scoped as above), for the committee's
 * report: its name, when it ran, and its 開封率 and 通報率. Null before the
 * first drill.
 */
export async function lastDrillFigures(scope: ResultScope) {
  const campaign = await db.drillCampaign.findFirst({
    where: { status: { not: "draft" } },
    orderBy: [{ windowStart: "desc" }, { id: "desc" }],
    select: { id: true, name: true, windowStart: true },
  });
  if (!campaign) return null;
  return { ...campaign, figures: figuresOf(await outcomes(campaign.id, scope)) };
}
