import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { t } from "~/lib/i18n.ts";
import { useHydrated } from "./useHydrated.ts";

/**
 * Completion rate by employee type, as a bar chart; the page shows the same
 * numbers as a table, so the picture is hidden from screen readers and the
 * keyboard (no accessibility layer to tab into).
 */
export function CompletionByTypeChart({ rows }: { rows: { employeeTypeName: string; rate: number }[] }) {
  const hydrated = useHydrated();
  const data = rows.map((r) => ({ name: r.employeeTypeName, rate: Math.round(r.rate * 1000) / 10 }));
  return (
    <figure className="chart" aria-hidden="true">
      {hydrated ? (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} accessibilityLayer={false} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip formatter={(value) => [`${value}%`, t("report.rate")]} />
            <Bar dataKey="rate" fill="#1f5f8b" isAnimationActive={false}>
              <LabelList dataKey="rate" position="top" formatter={(value) => `${value}%`} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      ) : (
        <p className="chart-placeholder">{t("report.chartLoading")}</p>
      )}
    </figure>
  );
}
