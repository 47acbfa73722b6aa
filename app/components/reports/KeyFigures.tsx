import type { YearFigures } from "~/domain/report-figures.ts";
import { formatRate, percent } from "~/domain/report-tables.ts";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { t } from "~/lib/i18n.ts";

const signed = (value: number) => (value > 0 ? "+" : value < 0 ? "−" : "±");

/** The change from last year in words, e.g. "+4.2ポイント", so no reader depends on colour. */
function Change({ value, unit, better }: { value: number; unit: "points" | "cases"; better: "up" | "down" }) {
  const good = value === 0 ? null : value > 0 === (better === "up");
  const text =
    unit === "points"
      ? t("reports.kpi.points", { sign: signed(value), value: Math.abs(Math.round(value * 10) / 10) })
      : t("reports.kpi.cases", { sign: signed(value), value: Math.abs(value) });
  return (
    <span className={good === null ? "kpi-change" : good ? "kpi-change kpi-better" : "kpi-change kpi-worse"}>
      {text}
    </span>
  );
}

/** Completion, overdue and pledges this fiscal year against last year at the same date. */
export function KeyFigures({ current, previous }: { current: YearFigures; previous: YearFigures }) {
  const pledgeRate = (f: YearFigures) => (f.pledgeRequired === 0 ? 0 : f.pledged / f.pledgeRequired);
  return (
    <section className="card" aria-labelledby="key-figures">
      <h2 id="key-figures">{t("reports.keyFigures")}</h2>
      <p>
        {t("reports.keyFiguresLead", {
          day: formatJapaneseDate(current.asOf),
          previousDay: formatJapaneseDate(previous.asOf),
        })}
      </p>
      <dl className="kpis">
        <div className="kpi">
          <dt>{t("reports.kpi.completion")}</dt>
          <dd>
            <span className="kpi-value">{formatRate(current.rate)}</span>
            <span className="kpi-detail">
              {t("reports.kpi.completionDetail", { completed: current.completed, assigned: current.assigned })}
            </span>
            <span className="kpi-previous">
              {t("reports.kpi.previous", { value: formatRate(previous.rate) })}{" "}
              <Change value={percent(current.rate) - percent(previous.rate)} unit="points" better="up" />
            </span>
          </dd>
        </div>
        <div className="kpi">
          <dt>{t("reports.kpi.overdue")}</dt>
          <dd>
            <span className="kpi-value">{t("reports.kpi.overdueDetail", { count: current.overdue })}</span>
            <span className="kpi-previous">
              {t("reports.kpi.previous", { value: t("reports.kpi.overdueDetail", { count: previous.overdue }) })}{" "}
              <Change value={current.overdue - previous.overdue} unit="cases" better="down" />
            </span>
          </dd>
        </div>
        <div className="kpi">
          <dt>{t("reports.kpi.pledges")}</dt>
          <dd>
            <span className="kpi-value">{formatRate(pledgeRate(current))}</span>
            <span className="kpi-detail">
              {t("reports.kpi.pledgesDetail", { pledged: current.pledged, required: current.pledgeRequired })}
            </span>
            <span className="kpi-previous">
              {t("reports.kpi.previous", { value: formatRate(pledgeRate(previous)) })}{" "}
              <Change value={percent(pledgeRate(current)) - percent(pledgeRate(previous))} unit="points" better="up" />
            </span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
