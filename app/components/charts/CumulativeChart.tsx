import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { t } from "~/lib/i18n.ts";
import { useHydrated } from "./useHydrated.ts";

/** Cumulative completion month by month over the fiscal year; the page also tables it. */
export function CumulativeChart({ points }: { points: { month: string; rate: number }[] }) {
  const hydrated = useHydrated();
  const data = points.map((p) => ({ month: `${Number(p.month.slice(5))}月`, rate: Math.round(p.rate * 1000) / 10 }));
  return (
    <figure className="chart" aria-hidden="true">
      {hydrated ? (
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={data} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip formatter={(value) => [`${value}%`, t("report.rate")]} />
            <Line type="monotone" dataKey="rate" stroke="#1f5f8b" strokeWidth={3} dot isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      ) : (
        <p className="chart-placeholder">{t("report.chartLoading")}</p>
      )}
    </figure>
  );
}
