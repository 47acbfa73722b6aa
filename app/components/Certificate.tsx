import { fiscalYearLabel } from "~/domain/fiscal-year.ts";
import { formatJapanDay } from "~/domain/japan-time.ts";
import { t } from "~/lib/i18n.ts";

export type CertificateData = {
  code: string;
  name: string;
  organisation: string;
  section: string | null;
  trackName: string;
  fiscalYear: number;
  completedAt: Date;
  score: { percent: number; correct: number; total: number } | null;
  release: { id: number; policyRevised: string | null } | null;
  /** From the city's settings: the policy's title and the issuer line. */
  policyTitle: string;
  issuer: string;
};

/** 修了証: laid out for one A4 page when printed (see @page in app.css). */
export function Certificate({ certificate: c }: { certificate: CertificateData }) {
  return (
    <section className="certificate" aria-labelledby="certificate-heading">
      <h1 id="certificate-heading" className="certificate-heading">
        {t("certificate.heading")}
      </h1>
      <p className="certificate-name">{c.name} 様</p>
      <p className="certificate-body">{t("certificate.body", { policy: c.policyTitle })}</p>
      <dl className="certificate-details">
        <dt>{t("certificate.organisation")}</dt>
        <dd>
          {c.organisation}
          {c.section ? ` ${c.section}` : ""}
        </dd>
        <dt>{t("certificate.track")}</dt>
        <dd>
          {c.trackName}（{fiscalYearLabel(c.fiscalYear)}）
        </dd>
        <dt>{t("certificate.completedAt")}</dt>
        <dd>{formatJapanDay(c.completedAt, { era: true })}</dd>
        {c.score ? (
          <>
            <dt>{t("certificate.score")}</dt>
            <dd>{t("quiz.score", c.score)}</dd>
          </>
        ) : null}
        {c.release ? (
          <>
            <dt>{t("certificate.release")}</dt>
            <dd>
              {c.release.policyRevised
                ? t("certificate.releaseValue", { id: c.release.id, revised: c.release.policyRevised })
                : t("certificate.releaseUndated", { id: c.release.id })}
            </dd>
          </>
        ) : null}
        <dt>{t("certificate.code")}</dt>
        <dd className="certificate-code">{c.code}</dd>
      </dl>
      <p className="certificate-issuer">{c.issuer}</p>
      <p className="certificate-system">{t("certificate.issuer")}</p>
    </section>
  );
}
