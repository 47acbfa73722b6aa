import { t } from "~/lib/i18n.ts";

/** An initial password, shown once to HR so they can hand it over. */
export function OneTimePassword({ password }: { password: string }) {
  return (
    <section className="notice notice-important" aria-labelledby="initial-password-title" role="status">
      <h2 id="initial-password-title">{t("staff.initialPasswordTitle")}</h2>
      <p className="one-time-password" translate="no">
        {password}
      </p>
      <p>{t("staff.initialPasswordLead")}</p>
    </section>
  );
}
