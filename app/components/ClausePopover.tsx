import type { HTMLAttributes } from "react";
import { t } from "~/lib/i18n.ts";

// React 18's types predate the Popover API; the attribute passes through as is.
const popover = { popover: "auto" } as HTMLAttributes<HTMLDivElement>;

/**
 * The exact text of a cited clause, opened by the citation's button
 * (popovertarget) without scripts; Escape or the close button dismisses it.
 */
export function ClausePopover({
  clause,
}: {
  clause: { id: string; heading: string; text: string; popoverId: string };
}) {
  return (
    <div
      id={clause.popoverId}
      className="clause-popover"
      role="dialog"
      aria-labelledby={`${clause.popoverId}-title`}
      {...popover}
    >
      <p id={`${clause.popoverId}-title`} className="clause-title">
        基本方針 {clause.id} {clause.heading}
      </p>
      {clause.text.split(/\n\n+/).map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
      <p className="clause-actions">
        <a href={`/policy#${encodeURIComponent(`c-${clause.id}`)}`}>{t("module.clauseFull")}</a>
        <button
          type="button"
          className="button button-quiet"
          {...({ popovertarget: clause.popoverId, popovertargetaction: "hide" } as object)}
        >
          {t("module.close")}
        </button>
      </p>
    </div>
  );
}
