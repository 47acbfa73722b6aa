import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { t } from "~/lib/i18n.ts";
import { useHydrated } from "./useHydrated.ts";

/** Share of correct answers per clause, lowest first, as horizontal bars; the page tables the same numbers. */
export function ClauseShareChart({
  clauses,
}: {
  clauses: { clauseId: string; heading: string | null; share: number }[];
}) {
  const hydrated = useHydrated();
  const data = clauses.map((c) => ({
    name: `${c.clauseId} ${c.heading ?? ""}`.trim(),
    share: Math.round(c.share * 1000) / 10,
  }));
  return (
    <figure className="chart" aria-hidden="true">
      {hydrated ? (
        <ResponsiveContainer width="100%" height={Math.max(160, 28 * data.length + 40)}>
          <BarChart
            data={data}
            layout="vertical"
            accessibilityLayer={false}
            margin={{ top: 8, right: 48, bottom: 8, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="name" width={260} tick={{ fontSize: 13 }} interval={0} />
            <Bar dataKey="share" fill="#1f5f8b" isAnimationActive={false}>
              <LabelList dataKey="share" position="right" formatter={(value) => `${value}%`} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      ) : (
        <p className="chart-placeholder">{t("report.chartLoading")}</p>
      )}
    </figure>
  );
}
