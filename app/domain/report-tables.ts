import { t } from "~/lib/i18n.ts";
import type { MasteryCell } from "./mastery.ts";
import type { ItemStatistic } from "./item-statistics.ts";
import type {
  CompletionMatrix,
  CumulativePoint,
  EmployeeTypeCompletion,
  ItemAnalysis,
  OverdueRow,
} from "./report-figures.ts";

/** A report table as the page shows it and the CSV export writes it. */
export type ReportTable = { title: string; headers: string[]; rows: (string | number | null)[][] };

/** A rate as a percentage with one decimal, as people read it. */
export const percent = (rate: number) => Math.round(rate * 1000) / 10;

/** A rate as the pages write it, always with its one decimal: "82.0%". */
export const formatRate = (rate: number) => `${percent(rate).toFixed(1)}%`;

export function byTypeTable(rows: EmployeeTypeCompletion[]): ReportTable {
  return {
    title: t("report.byType"),
    headers: [
      t("report.employeeType"),
      t("report.assigned"),
      t("report.completed"),
      t("report.overdueCount"),
      `${t("report.rate")}(%)`,
    ],
    rows: rows.map((r) => [r.employeeTypeName, r.assigned, r.completed, r.overdue, percent(r.rate)]),
  };
}

export function cumulativeTable(points: CumulativePoint[]): ReportTable {
  return {
    title: t("report.cumulative"),
    headers: [t("report.month"), t("report.assigned"), t("report.completed"), `${t("report.rate")}(%)`],
    rows: points.map((p) => [p.month, p.assigned, p.completed, percent(p.rate)]),
  };
}

export function matrixTable(matrix: CompletionMatrix): ReportTable {
  const types = matrix.employeeTypes;
  return {
    title: t("report.matrix"),
    headers: [
      t("report.organisation"),
      ...types.flatMap((type) => [
        `${type.name} ${t("report.assigned")}`,
        `${type.name} ${t("report.completed")}`,
        `${type.name} ${t("report.rate")}(%)`,
      ]),
      `${t("report.total")} ${t("report.assigned")}`,
      `${t("report.total")} ${t("report.completed")}`,
      `${t("report.total")} ${t("report.rate")}(%)`,
    ],
    rows: matrix.organisations.map((org) => [
      org.name,
      ...types.flatMap((type) => {
        const cell = org.cells[type.code] ?? { assigned: 0, completed: 0, rate: 0 };
        return [cell.assigned, cell.completed, percent(cell.rate)];
      }),
      org.total.assigned,
      org.total.completed,
      percent(org.total.rate),
    ]),
  };
}

export function overdueTable(rows: OverdueRow[]): ReportTable {
  return {
    title: t("report.overdue"),
    headers: [
      t("report.employeeNumber"),
      t("report.name"),
      t("report.organisation"),
      t("report.section"),
      t("report.employeeType"),
      t("report.track"),
      t("report.dueDate"),
      t("report.daysOverdue"),
      t("report.manager"),
    ],
    rows: rows.map((r) => [
      r.employeeNumber,
      r.name,
      r.organisationName,
      r.sectionName,
      r.employeeTypeName,
      r.trackName,
      r.dueDate,
      r.daysOverdue,
      r.managerName,
    ]),
  };
}

export function questionsTable(items: ItemAnalysis): ReportTable {
  return {
    title: `${t("report.items")}（${t("report.questions")}）`,
    headers: [
      t("report.question"),
      t("report.module"),
      t("report.clause"),
      t("report.answered"),
      t("report.correct"),
      `${t("report.share")}(%)`,
      t("report.prompt"),
    ],
    rows: items.questions.map((q) => [
      q.questionId,
      q.moduleSlug,
      q.clauseId,
      q.answered,
      q.correct,
      percent(q.share),
      q.prompt,
    ]),
  };
}

export function clausesTable(items: ItemAnalysis): ReportTable {
  return {
    title: `${t("report.items")}（${t("report.clauses")}）`,
    headers: [
      t("report.clause"),
      t("report.heading"),
      t("report.answered"),
      t("report.correct"),
      `${t("report.share")}(%)`,
    ],
    rows: items.clauses.map((c) => [c.clauseId, c.heading, c.answered, c.correct, percent(c.share)]),
  };
}

/** A mastery heat map (clause × organisation or × employee type) as a table: three columns a group, blank under five people. */
export function masteryTable(
  title: string,
  heatMap: {
    groups: readonly { id: string; name: string }[];
    rows: readonly { clauseId: string; heading: string; cells: readonly MasteryCell[] }[];
  },
): ReportTable {
  return {
    title,
    headers: [
      t("reportMastery.clause"),
      t("report.heading"),
      ...heatMap.groups.flatMap((g) => [
        `${g.name} ${t("reportMastery.estimateColumn")}(%)`,
        `${g.name} ${t("reportMastery.strongColumn")}(%)`,
        `${g.name} ${t("reportMastery.peopleColumn")}`,
      ]),
    ],
    rows: heatMap.rows.map((row) => [
      row.clauseId,
      row.heading,
      ...row.cells.flatMap((cell) => [
        cell.estimate === null ? null : percent(cell.estimate),
        cell.strongShare === null ? null : percent(cell.strongShare),
        cell.people,
      ]),
    ]),
  };
}

/** Choice labels in the question's stored order, as the content files letter them. */
const CHOICE_LETTERS = ["ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク"];

/** "ア（正解）40.0% / イ 30.0% …": each choice's share of the answers, the keys marked. */
export function choiceShares(item: Pick<ItemStatistic, "n" | "choices">): string {
  return item.choices
    .map((c, i) => {
      const label = `${CHOICE_LETTERS[i] ?? String(i + 1)}${c.key ? `（${t("report.keyMark")}）` : ""}`;
      return `${label} ${formatRate(item.n === 0 ? 0 : c.picked / item.n)}`;
    })
    .join(" / ");
}

/** The flags of an item in words, or an empty string. */
export function flagLabels(item: Pick<ItemStatistic, "flags">): string {
  return item.flags.map((flag) => t(`report.flag.${flag}`)).join("・");
}

/** A discrimination index as people read it: two decimals, or "—" when there is none. */
export const formatDiscrimination = (value: number | null) => (value === null ? "—" : value.toFixed(2));

/**
 * The item statistics, one row a question. `compact` (the page) leaves out
 * the module and the prompt, which the question's own page shows, so that
 * the table fits the report's width; the CSV has every column.
 */
export function itemStatisticsTable(items: readonly ItemStatistic[], compact = false): ReportTable {
  const full: ReportTable = {
    title: t("report.itemStats"),
    headers: [
      t("report.question"),
      t("report.module"),
      t("report.answered"),
      `${t("report.facility")}(%)`,
      t("report.discrimination"),
      t("report.choiceShares"),
      t("report.flags"),
      t("report.prompt"),
    ],
    rows: items.map((item) => [
      item.questionId,
      item.moduleSlug,
      item.n,
      percent(item.facility),
      formatDiscrimination(item.discrimination),
      choiceShares(item),
      flagLabels(item),
      item.prompt,
    ]),
  };
  if (!compact) return full;
  const keep = (row: readonly (string | number | null)[]) => row.filter((_, i) => i !== 1 && i !== 7);
  return { title: full.title, headers: keep(full.headers) as string[], rows: full.rows.map(keep) };
}
