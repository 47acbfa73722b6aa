import { Link } from "@remix-run/react";
import type { Completion, CompletionMatrix } from "~/domain/report-figures.ts";
import { formatRate } from "~/domain/report-tables.ts";
import { t } from "~/lib/i18n.ts";

/**
 * The heat map's five shades, light to dark as completion rises, so that the
 * order survives grey-scale printing; every cell also writes its rate and
 * counts, which is what screen readers and photocopies rely on.
 */
export const HEAT_LEVELS = [
  { min: 0.95, className: "heat-4", label: "reports.legend.top" },
  { min: 0.8, className: "heat-3", label: "reports.legend.high" },
  { min: 0.6, className: "heat-2", label: "reports.legend.mid" },
  { min: 0, className: "heat-1", label: "reports.legend.low" },
] as const;

export function heatClass(cell: Completion): string {
  if (cell.assigned === 0) return "heat-none";
  return HEAT_LEVELS.find((level) => cell.rate >= level.min)!.className;
}

function CellContent({ cell }: { cell: Completion }) {
  if (cell.assigned === 0) return <span className="heat-rate">—</span>;
  return (
    <>
      <span className="heat-rate">{formatRate(cell.rate)}</span>
      <span className="heat-count">
        {cell.completed}／{cell.assigned}
      </span>
    </>
  );
}

export function HeatLegend() {
  return (
    <ul className="heat-legend" aria-label={t("reports.heatMapLegend")}>
      {[...HEAT_LEVELS].reverse().map((level) => (
        <li key={level.className}>
          <span className={`heat-swatch ${level.className}`} aria-hidden="true" />
          {t(level.label)}
        </li>
      ))}
      <li>
        <span className="heat-swatch heat-none" aria-hidden="true" />
        {t("reports.legend.none")}
      </li>
    </ul>
  );
}

/**
 * Organisation × employee type as a real table: row and column headers,
 * each cell coloured by its completion rate with the rate and
 * completed／assigned written in it. `cellLink` makes a cell open its
 * breakdown; without it (print) the cells are plain.
 */
export function HeatMap({
  matrix,
  caption,
  cellLink,
  openCell,
}: {
  matrix: CompletionMatrix;
  caption: string;
  cellLink?: (organisationId: string, employeeTypeCode: string) => string;
  openCell?: string | null;
}) {
  return (
    <div className="table-wrap">
      <table className="heat-map">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.organisation")}</th>
            {matrix.employeeTypes.map((type) => (
              <th key={type.code} scope="col">
                {type.name}
              </th>
            ))}
            <th scope="col">{t("report.total")}</th>
          </tr>
        </thead>
        <tbody>
          {matrix.organisations.map((organisation) => (
            <tr key={organisation.id}>
              <th scope="row">{organisation.name}</th>
              {matrix.employeeTypes.map((type) => {
                const cell = organisation.cells[type.code] ?? { assigned: 0, completed: 0, rate: 0 };
                const key = `${organisation.id}~${type.code}`;
                return (
                  <td key={type.code} className={`heat ${heatClass(cell)}`}>
                    {cellLink && cell.assigned > 0 ? (
                      <Link
                        to={cellLink(organisation.id, type.code)}
                        aria-current={openCell === key ? "true" : undefined}
                        preventScrollReset
                      >
                        <CellContent cell={cell} />
                      </Link>
                    ) : (
                      <CellContent cell={cell} />
                    )}
                  </td>
                );
              })}
              <td className={`heat heat-total ${heatClass(organisation.total)}`}>
                <CellContent cell={organisation.total} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("report.total")}</th>
            {matrix.employeeTypes.map((type) => {
              const cells = matrix.organisations.map((o) => o.cells[type.code]);
              const assigned = cells.reduce((sum, c) => sum + (c?.assigned ?? 0), 0);
              const completed = cells.reduce((sum, c) => sum + (c?.completed ?? 0), 0);
              const cell = { assigned, completed, rate: assigned === 0 ? 0 : completed / assigned };
              return (
                <td key={type.code} className={`heat heat-total ${heatClass(cell)}`}>
                  <CellContent cell={cell} />
                </td>
              );
            })}
            <td className={`heat heat-total ${heatClass(matrix.total)}`}>
              <CellContent cell={matrix.total} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
