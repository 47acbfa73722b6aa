import { Fragment, useId, type ReactNode } from "react";
import { drillMailPicture, type PicturePiece } from "~/domain/drills/mail-picture.ts";
import type { DrillScenario, RedFlagPart, RenderedDrillMail } from "~/domain/drills/scenario.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";

const PART_LABEL: Record<RedFlagPart | "attachment", MessageKey> = {
  sender: "drillPicture.part.sender",
  subject: "drillPicture.part.subject",
  body: "drillPicture.part.body",
  link: "drillPicture.part.link",
  attachment: "drillPicture.part.attachment",
};

/** Line breaks as <br>, so the body keeps its lines even without the style sheet. */
function lines(text: string): ReactNode {
  return text.split("\n").map((line, i) => (
    <Fragment key={i}>
      {i > 0 && <br />}
      {line}
    </Fragment>
  ));
}

/**
 * A drill mail drawn as a mail client shows it, each red flag's quote marked
 * with its number, beside the numbered list of red flags with their
 * explanations. Each number links the mark and its explanation both ways,
 * without scripts; marks are underlined and numbered, so that colour is
 * never the only sign (it prints in grey-scale).
 */
export function DrillMailPicture({
  mail,
  link,
  redFlags,
  headingLevel = 2,
}: {
  /** From renderDrillMail: the mail as this person received it. */
  mail: RenderedDrillMail;
  link: DrillScenario["link"];
  redFlags: DrillScenario["redFlags"];
  headingLevel?: 2 | 3;
}) {
  const id = useId();
  const picture = drillMailPicture(mail, link, redFlags);
  const flagId = (n: number) => `${id}-flag-${n}`;
  const markId = (n: number) => `${id}-mark-${n}`;
  const Heading = `h${headingLevel}` as const;

  const render = (list: PicturePiece[]) =>
    list.map((piece, i) => {
      let node: ReactNode = lines(piece.text);
      if (piece.flag !== undefined) {
        node = (
          <mark className="drill-flag-mark" id={piece.badge ? markId(piece.flag) : undefined}>
            {piece.badge && (
              <a className="drill-flag-badge" href={`#${flagId(piece.flag)}`}>
                <span aria-hidden="true">{piece.flag}</span>
                <span className="drill-visually-hidden">{t("drillPicture.flagRef", { n: piece.flag })}</span>
              </a>
            )}
            {node}
          </mark>
        );
      }
      return piece.link ? (
        <span key={i} className="drill-mail-link">
          {node}
        </span>
      ) : (
        <Fragment key={i}>{node}</Fragment>
      );
    });

  return (
    <div className="drill-picture">
      <figure className="drill-mail" aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`} className="drill-mail-caption">
          {t("drillPicture.caption")}
        </figcaption>
        <dl className="drill-mail-headers">
          <div>
            <dt>{t("drillPicture.from")}</dt>
            <dd>{render(picture.sender)}</dd>
          </div>
          <div>
            <dt>{t("drillPicture.subject")}</dt>
            <dd className="drill-mail-subject">{render(picture.subject)}</dd>
          </div>
          {picture.attachment && (
            <div>
              <dt>{t("drillPicture.attachment")}</dt>
              <dd>
                <span className="drill-mail-attachment">{render(picture.attachment)}</span>
              </dd>
            </div>
          )}
        </dl>
        <div className="drill-mail-body">{render(picture.body)}</div>
      </figure>
      <section className="drill-flags" aria-labelledby={`${id}-flags`}>
        <Heading id={`${id}-flags`}>{t("drillPicture.flagsTitle", { count: picture.flags.length })}</Heading>
        <ol className="drill-flag-list">
          {picture.flags.map((flag) => {
            const part = flag.part === "link" && link.kind === "attachment" ? "attachment" : flag.part;
            return (
              <li key={flag.number} id={flagId(flag.number)}>
                <span className="drill-flag-number">{flag.number}</span>
                <div>
                  <p className="drill-flag-quote">
                    <span className="drill-flag-part">{t(PART_LABEL[part])}</span>
                    {`「${flag.quote}」`}
                  </p>
                  <p>{flag.explanation}</p>
                  {flag.marked && (
                    <p className="drill-flag-back">
                      <a href={`#${markId(flag.number)}`}>{t("drillPicture.toMark", { n: flag.number })}</a>
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
