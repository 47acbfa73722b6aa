import { percent, type DrillFigures, type FigureGroup } from "~/domain/drills/results.ts";
import { t } from "~/lib/i18n.ts";

const minutes = (m: number | null) => (m === null ? "—" : t("drills.fig.minutes", { minutes: m }));

/** The headline figures of a drill, as a definition list. */
export function DrillFigureList({ figures }: { figures: DrillFigures }) {
  const items: [string, string | number][] = [
    [t("drills.fig.targeted"), figures.targeted],
    [t("drills.fig.delivered"), figures.delivered],
    [t("drills.fig.clicked"), figures.clicked],
    [t("drills.fig.clickRate"), percent(figures.clickRate)],
    [t("drills.fig.openedAttachment"), figures.openedAttachment],
    [t("drills.fig.entered"), figures.entered],
    [t("drills.fig.replied"), figures.replied],
    [t("drills.fig.replyRate"), percent(figures.replyRate)],
    [t("drills.fig.reported"), figures.reported],
    [t("drills.fig.reportRate"), percent(figures.reportRate)],
    [t("drills.fig.reportedWithoutClicking"), figures.reportedWithoutClicking],
    [t("drills.fig.medianToReport"), minutes(figures.medianMinutesToReport)],
  ];
  return (
    <dl className="figure-list" data-testid="drill-figures">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Figures per group (organisation, employee type, campaign) as a table. */
export function DrillFigureTable({
  caption,
  groups,
  groupLabel,
}: {
  caption: string;
  groups: FigureGroup[];
  groupLabel: string;
}) {
  return (
    // Focusable, so that a keyboard can scroll a table wider than the screen.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col">{t("drills.fig.delivered")}</th>
            <th scope="col">{t("drills.fig.clicked")}</th>
            <th scope="col">{t("drills.fig.clickRate")}</th>
            <th scope="col">{t("drills.fig.openedAttachment")}</th>
            <th scope="col">{t("drills.fig.entered")}</th>
            <th scope="col">{t("drills.fig.replied")}</th>
            <th scope="col">{t("drills.fig.replyRate")}</th>
            <th scope="col">{t("drills.fig.reported")}</th>
            <th scope="col">{t("drills.fig.reportRate")}</th>
            <th scope="col">{t("drills.fig.reportedWithoutClicking")}</th>
            <th scope="col">{t("drills.fig.medianToReport")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map(({ key, label, figures: f }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>{f.delivered}</td>
              <td>{f.clicked}</td>
              <td>{percent(f.clickRate)}</td>
              <td>{f.openedAttachment}</td>
              <td>{f.entered}</td>
              <td>{f.replied}</td>
              <td>{percent(f.replyRate)}</td>
              <td>{f.reported}</td>
              <td>{percent(f.reportRate)}</td>
              <td>{f.reportedWithoutClicking}</td>
              <td>{minutes(f.medianMinutesToReport)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
