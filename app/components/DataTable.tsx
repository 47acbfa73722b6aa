import type { ReactNode } from "react";
import type { ReportTable } from "~/domain/report-tables.ts";

/**
 * A report table with a caption; numbers right-aligned. `cell` may turn a
 * cell into a link. Cells keep their words whole (names, sections, dates)
 * except the `prose` columns, which wrap like sentences.
 */
export function DataTable({
  table,
  caption,
  cell,
  prose = [],
}: {
  table: ReportTable;
  caption?: string;
  cell?: (row: number, column: number, value: string | number | null) => ReactNode;
  prose?: number[];
}) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption ?? table.title}</caption>
        <thead>
          <tr>
            {table.headers.map((header, i) => (
              <th key={i} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((value, c) =>
                c === 0 ? (
                  <th key={c} scope="row">
                    {cell ? cell(r, c, value) : value}
                  </th>
                ) : (
                  <td key={c} className={typeof value === "number" ? "number" : prose.includes(c) ? "prose" : "keep"}>
                    {cell ? cell(r, c, value) : value}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
