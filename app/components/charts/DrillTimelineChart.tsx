import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TimelinePoint } from "~/domain/drills/results.ts";
import { t } from "~/lib/i18n.ts";
import { useHydrated } from "./useHydrated.ts";

/** Cumulative clicks and reports hour by hour after the first delivery; the page shows the table too. */
export function DrillTimelineChart({ points }: { points: TimelinePoint[] }) {
  const hydrated = useHydrated();
  return (
    <figure className="chart" aria-hidden="true">
      {hydrated ? (
        <ResponsiveContainer width="100%" height={260}>
          <LineChart accessibilityLayer={false} data={points} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="hour" unit="h" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Line dataKey="clicked" name={t("drills.fig.clicked")} stroke="#a3231b" isAnimationActive={false} />
            <Line dataKey="reported" name={t("drills.fig.reported")} stroke="#1f5f8b" isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      ) : (
        <p className="chart-placeholder">{t("drills.chartLoading")}</p>
      )}
    </figure>
  );
}
