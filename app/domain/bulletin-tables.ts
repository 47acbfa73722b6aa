import { t } from "~/lib/i18n.ts";
import type { BulletinOverviewRow, BulletinReport, MonthlyQuestionReport, ReceiptCounts } from "./bulletin-figures.ts";
import { formatDateTime } from "./japan-time.ts";
import { percent, type ReportTable } from "./report-tables.ts";

/**
 * The bulletin and question-of-the-month figures as tables: what the pages
 * show and the CSV export writes, as for the other reports.
 */

const rate = (part: number, whole: number) => percent(whole === 0 ? 0 : part / whole);

const countHeaders = () => [
  t("bulletinReport.reached"),
  t("bulletinReport.read"),
  `${t("bulletinReport.readRate")}(%)`,
  t("bulletinReport.confirmed"),
  `${t("bulletinReport.confirmedRate")}(%)`,
];

const countCells = (c: ReceiptCounts) => [
  c.reached,
  c.read,
  rate(c.read, c.reached),
  c.confirmed,
  rate(c.confirmed, c.reached),
];

export function bulletinsTable(rows: BulletinOverviewRow[]): ReportTable {
  return {
    title: t("bulletinReport.bulletins"),
    headers: [
      t("bulletinReport.bulletin"),
      t("bulletinReport.publishOn"),
      t("bulletinReport.audience"),
      ...countHeaders(),
    ],
    rows: rows.map((b) => [
      b.title,
      b.published ? b.publishOn : `${b.publishOn}（${t("bulletinAdmin.scheduled")}）`,
      b.audienceLabel,
      ...countCells(b),
    ]),
  };
}

export function bulletinByOrganisationTable(report: BulletinReport): ReportTable {
  return {
    title: `${report.bulletin.title}（${t("bulletinReport.byOrganisation")}）`,
    headers: [t("report.organisation"), ...countHeaders()],
    rows: [
      ...report.byOrganisation.map((o) => [o.name, ...countCells(o)]),
      [t("report.total"), ...countCells(report.total)],
    ],
  };
}

export function bulletinByEmployeeTypeTable(report: BulletinReport): ReportTable {
  return {
    title: `${report.bulletin.title}（${t("bulletinReport.byEmployeeType")}）`,
    headers: [t("report.employeeType"), ...countHeaders()],
    rows: [
      ...report.byEmployeeType.map((e) => [e.name, ...countCells(e)]),
      [t("report.total"), ...countCells(report.total)],
    ],
  };
}

export function bulletinPendingTable(report: BulletinReport): ReportTable {
  return {
    title: `${report.bulletin.title}（${t(report.bulletin.mustConfirm ? "bulletinReport.unconfirmed" : "bulletinReport.unread")}）`,
    headers: [
      t("report.employeeNumber"),
      t("report.name"),
      t("report.organisation"),
      t("report.section"),
      t("report.employeeType"),
      t("bulletinReport.read"),
    ],
    rows: report.pending.rows.map((p) => [
      p.employeeNumber,
      p.name,
      p.organisationName,
      p.sectionName,
      p.employeeTypeName,
      p.readAt ? formatDateTime(p.readAt) : null,
    ]),
  };
}

/** Share correct by employee type, one row per month's question. */
export function monthlyTable(
  reports: MonthlyQuestionReport[],
  employeeTypes: { code: string; name: string }[],
): ReportTable {
  return {
    title: t("bulletinReport.monthly"),
    headers: [
      t("bulletinReport.month"),
      t("bulletinReport.question"),
      t("report.clause"),
      t("bulletinReport.chosenBy"),
      ...employeeTypes.flatMap((type) => [
        `${type.name} ${t("report.answered")}`,
        `${type.name} ${t("report.share")}(%)`,
      ]),
      `${t("report.total")} ${t("report.answered")}`,
      `${t("report.total")} ${t("report.share")}(%)`,
    ],
    rows: reports.map((r) => [
      r.month,
      r.questionId ?? r.prompt,
      r.clause,
      t(
        r.chosenBy === "auto"
          ? "bulletinReport.chosenBy.auto"
          : r.chosenBy === "written"
            ? "bulletinReport.chosenBy.written"
            : "bulletinReport.chosenBy.hr",
      ),
      ...employeeTypes.flatMap((type) => {
        const group = r.byEmployeeType.find((g) => g.code === type.code) ?? { answered: 0, correct: 0 };
        return [group.answered, rate(group.correct, group.answered)];
      }),
      r.total.answered,
      rate(r.total.correct, r.total.answered),
    ]),
  };
}
