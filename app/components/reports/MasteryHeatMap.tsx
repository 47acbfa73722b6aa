import type { MasteryCell } from "~/domain/mastery.ts";
import { formatRate } from "~/domain/report-tables.ts";
import { t } from "~/lib/i18n.ts";
import { heatClass } from "./HeatMap.tsx";

type HeatMapData = {
  groups: readonly { id: string; name: string }[];
  rows: readonly { clauseId: string; heading: string; cells: readonly MasteryCell[] }[];
};

/** The completion heat map's shades, read here as the mean estimate; a hidden cell is striped like an empty one. */
function cellClass(cell: MasteryCell): string {
  if (cell.estimate === null || cell.people === null) return "heat-none";
  return heatClass({ assigned: cell.people, completed: 0, rate: cell.estimate });
}

export function MasteryLegend() {
  return (
    <ul className="heat-legend" aria-label={t("reports.heatMapLegend")}>
      <li>
        <span className="heat-swatch heat-4" aria-hidden="true" />
        {t("reportMastery.legendTop")}
      </li>
      <li>
        <span className="heat-swatch heat-3" aria-hidden="true" />
        {t("reportMastery.legendHigh")}
      </li>
      <li>
        <span className="heat-swatch heat-2" aria-hidden="true" />
        {t("reportMastery.legendMid")}
      </li>
      <li>
        <span className="heat-swatch heat-1" aria-hidden="true" />
        {t("reportMastery.legendLow")}
      </li>
      <li>
        <span className="heat-swatch heat-none" aria-hidden="true" />
        {t("reportMastery.legendHidden")}
      </li>
    </ul>
  );
}

/**
 * Clause × group as a table, in the shades of the 所属別 heat map: each cell
 * writes the mean estimate, the share of strong and the number of people
 * behind them; a cell of fewer than five says so and shows nothing else.
 */
export function MasteryHeatMap({ data, caption }: { data: HeatMapData; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="heat-map mastery-heat-map">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reportMastery.clause")}</th>
            {data.groups.map((group) => (
              <th key={group.id} scope="col">
                {group.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.clauseId}>
              <th scope="row">
                {row.clauseId} {row.heading}
              </th>
              {row.cells.map((cell, i) => (
                <td key={data.groups[i]!.id} className={`heat ${cellClass(cell)}`}>
                  {cell.estimate === null || cell.people === null || cell.strongShare === null ? (
                    <span className="heat-count">{t("reportMastery.hidden")}</span>
                  ) : (
                    <>
                      <span className="heat-rate">{formatRate(cell.estimate)}</span>
                      <span className="heat-count">
                        {t("reportMastery.strongColumn")} {formatRate(cell.strongShare)}
                      </span>
                      <span className="heat-count">{t("reportMastery.people", { people: cell.people })}</span>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
