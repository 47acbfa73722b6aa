import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { t } from "~/lib/i18n.ts";
import { useHydrated } from "./useHydrated.ts";

const pct = (rate: number | null) => (rate === null ? 0 : Math.round(rate * 1000) / 10);

/** 開封率 and 通報率 per group, side by side; the page shows the same numbers as a table. */
export function DrillRatesChart({
  rows,
}: {
  rows: { label: string; clickRate: number | null; reportRate: number | null }[];
}) {
  const hydrated = useHydrated();
  const data = rows.map((r) => ({ name: r.label, click: pct(r.clickRate), report: pct(r.reportRate) }));
  return (
    <figure className="chart" aria-hidden="true">
      {hydrated ? (
        <ResponsiveContainer width="100%" height={280}>
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip formatter={(value) => `${value}%`} />
            <Legend />
            <Bar dataKey="click" name={t("drills.fig.clickRate")} fill="#a3231b" isAnimationActive={false} />
            <Bar dataKey="report" name={t("drills.fig.reportRate")} fill="#1f5f8b" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : (
        <p className="chart-placeholder">{t("drills.chartLoading")}</p>
      )}
    </figure>
  );
}
