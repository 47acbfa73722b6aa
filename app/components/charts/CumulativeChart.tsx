import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { t } from "~/lib/i18n.ts";
import { useHydrated } from "./useHydrated.ts";

type Point = { month: string; rate: number };

const monthOf = (month: string) => `${Number(month.slice(5))}月`;
const rounded = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * Cumulative completion month by month over the fiscal year, with last
 * year's line beside it (dashed, so it reads in grey-scale too); the page
 * also tables the numbers.
 */
export function CumulativeChart({
  points,
  previous = [],
  height = 260,
}: {
  points: Point[];
  previous?: Point[];
  height?: number;
}) {
  const hydrated = useHydrated();
  // The fiscal year's twelve months, April first: this year's line stops at today's month.
  const length = Math.max(points.length, previous.length);
  const data = Array.from({ length }, (_, i) => ({
    month: monthOf((points[i] ?? previous[i])!.month),
    rate: points[i] ? rounded(points[i]!.rate) : undefined,
    previous: previous[i] ? rounded(previous[i]!.rate) : undefined,
  }));
  return (
    <figure className="chart" aria-hidden="true">
      {hydrated ? (
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={data} accessibilityLayer={false} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip formatter={(value, name) => [`${value}%`, name]} />
            {previous.length > 0 ? <Legend /> : null}
            {previous.length > 0 ? (
              <Line
                type="monotone"
                dataKey="previous"
                name={t("reports.lastYear")}
                stroke="#6b7480"
                strokeWidth={2}
                strokeDasharray="6 4"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
            <Line
              type="monotone"
              dataKey="rate"
              name={t("reports.thisYear")}
              stroke="#1f5f8b"
              strokeWidth={3}
              dot
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      ) : (
        <p className="chart-placeholder">{t("report.chartLoading")}</p>
      )}
    </figure>
  );
}
