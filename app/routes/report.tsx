import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { drillTokensIn } from "~/domain/drills/report-match.ts";
import { formatDateTime } from "~/domain/japan-time.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { reportAddress } from "~/services/city.server.ts";
import { drillHistory } from "~/services/drill-results.server.ts";
import { fileReport, ownReports } from "~/services/mail-reports.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("mailReport.title")} | ${t("app.name")}` }];

/** 不審なメールを報告する: the button on every signed-in page, for drill and real mail alike. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [reports, history, address] = await Promise.all([ownReports(user.id), drillHistory(user.id), reportAddress()]);
  return { reports, history, address };
}

/** A pasted mail is capped well below the request limit: the office needs headers and text, not attachments. */
const MAX_RAW = 2 * 1024 * 1024;

const ReportForm = z.object({
  sender: z.string().trim().min(1, "sender").max(500, "sender"),
  subject: z.string().trim().min(1, "subject").max(500, "subject"),
  raw: z.string().max(MAX_RAW, "raw").default(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = ReportForm.safeParse({
    sender: form.get("sender") ?? "",
    subject: form.get("subject") ?? "",
    raw: form.get("raw") ?? "",
  });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.message ?? "sender";
    return data({ ok: false as const, error: `mailReport.error.${field}` as MessageKey }, { status: 400 });
  }
  const { sender, subject, raw } = parsed.data;
  const filed = await fileReport({
    via: "button",
    reporterId: user.id,
    sender,
    subject,
    raw: raw || null,
    rawSize: Buffer.byteLength(raw),
    tokens: drillTokensIn(raw),
  });
  return { ok: true as const, kind: filed.kind, campaignName: filed.campaignName };
}

export default function ReportMail() {
  const { reports, history, address } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("mailReport.title")}</h1>
      <p className="lead">{t("mailReport.lead")}</p>
      <p>{t("mailReport.byMail", { address })}</p>
      {result?.ok ? (
        <div role="status" className="notice">
          {result.kind === "drill" ? (
            <>
              <p>
                <strong>{t("mailReport.drillThanks")}</strong>
              </p>
              <p>{t("mailReport.drillCampaign", { name: result.campaignName ?? "" })}</p>
            </>
          ) : (
            <p>{t("mailReport.realThanks")}</p>
          )}
        </div>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="field-error">
          {t(result.error)}
        </p>
      ) : null}
      <Form method="post" className="form-grid card">
        <div className="field">
          <label htmlFor="sender">{t("mailReport.sender")}</label>
          <input id="sender" name="sender" required maxLength={500} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="subject">{t("mailReport.subject")}</label>
          <input id="subject" name="subject" required maxLength={500} autoComplete="off" />
        </div>
        <div className="field field-wide">
          <label htmlFor="raw">{t("mailReport.raw")}</label>
          <textarea id="raw" name="raw" rows={6} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("mailReport.submit")}
          </button>
        </div>
      </Form>

      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t("mailReport.mine")}</h2>
        {reports.length === 0 ? (
          <p>{t("mailReport.mineNone")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("mailReport.receivedAt")}</th>
                  <th scope="col">{t("mailReport.sender")}</th>
                  <th scope="col">{t("mailReport.subject")}</th>
                  <th scope="col">{t("mailReport.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(new Date(r.receivedAt))}</td>
                    <td>{r.sender}</td>
                    <td>{r.subject}</td>
                    <td>
                      {r.kind === "drill"
                        ? `${t("mailReport.kind.drill")}（${r.campaign?.name ?? ""}）`
                        : t(`triage.${r.triage}` as MessageKey)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("mailReport.history")}</h2>
        {history.length === 0 ? (
          <p>{t("mailReport.historyNone")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("drills.col.name")}</th>
                  <th scope="col">{t("drills.col.sentAt")}</th>
                  <th scope="col">{t("mailReport.historyClicked")}</th>
                  <th scope="col">{t("mailReport.historyReported")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td>{h.campaign.name}</td>
                    <td>{h.sentAt ? formatDateTime(new Date(h.sentAt)) : "—"}</td>
                    <td>{h.clickedAt ? formatDateTime(new Date(h.clickedAt)) : "—"}</td>
                    <td>{h.reportedAt ? formatDateTime(new Date(h.reportedAt)) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
