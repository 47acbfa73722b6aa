import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DrillCampaignForm } from "~/components/DrillCampaignForm.tsx";
import { instantToJapanLocal, readCampaignForm } from "~/domain/drills/campaign.ts";
import { formatDateTime } from "~/domain/japan-time.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import {
  CampaignError,
  endCampaign,
  getCampaign,
  launchCampaign,
  previewMail,
  queueCounts,
  resolveTargets,
  updateCampaign,
} from "~/services/drill-campaigns.server.ts";
import { getScenario, listScenarios } from "~/services/drill-scenarios.server.ts";
import { campaignReports } from "~/services/mail-reports.server.ts";
import { staffFormOptions } from "~/services/staff-directory.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("drills.title")} | ${t("app.name")}` }];

/** Skipped people shown on the page; the count covers all of them. */
const SKIPPED_SHOWN = 200;

async function loadCampaign(params: { campaignId?: string }) {
  const id = idParam(params.campaignId);
  try {
    return await getCampaign(id);
  } catch (error) {
    if (error instanceof CampaignError) throw new Response(t("error.notFound"), { status: 404 });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const campaign = await loadCampaign(params);
  const previewNumber = new URL(request.url).searchParams.get("preview")?.normalize("NFKC").trim().slice(0, 64);
  const [targets, counts, options, preview, reports] = await Promise.all([
    resolveTargets(campaign.targets),
    queueCounts(campaign.id),
    staffFormOptions(),
    previewNumber ? previewMail(campaign.id, previewNumber) : Promise.resolve(undefined),
    campaignReports(campaign.id),
  ]);
  const { targets: chosen } = campaign;
  return {
    reports,
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      scenarioTitle: getScenario(campaign.scenarioId)?.title ?? campaign.scenarioId,
      windowStart: campaign.windowStart,
      windowEnd: campaign.windowEnd,
      endDate: campaign.endDate,
    },
    values: {
      name: campaign.name,
      scenarioId: campaign.scenarioId,
      targetKind: chosen.kind,
      ...(chosen.kind === "list"
        ? { employeeNumbers: chosen.employeeNumbers.join("\n") }
        : {
            organisationId: chosen.organisationId,
            sectionId: chosen.sectionId,
            employeeTypeCode: chosen.employeeTypeCode,
            role: chosen.role,
          }),
      windowStart: instantToJapanLocal(campaign.windowStart),
      windowEnd: instantToJapanLocal(campaign.windowEnd),
      businessHoursOnly: campaign.businessHoursOnly,
      endDate: campaign.endDate,
    },
    recipients: targets.recipients.length,
    skipped: targets.skipped.slice(0, SKIPPED_SHOWN),
    skippedCount: targets.skipped.length,
    counts,
    options: { ...options, scenarios: listScenarios().map((s) => ({ id: s.id, title: s.title })) },
    previewNumber: previewNumber ?? "",
    preview: preview === undefined ? undefined : preview,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const campaign = await loadCampaign(params);
  const actor = actorOf(user, context);
  const form = Object.fromEntries(await readForm(request));
  const refuse = (key: string, status = 409) =>
    data({ ok: false as const, message: t(`drills.error.${key}` as MessageKey), errors: undefined }, { status });
  try {
    switch (form.intent) {
      case "save": {
        const read = readCampaignForm(form);
        if (read.errors) {
          const errors = Object.fromEntries(
            Object.entries(read.errors).map(([k, v]) => [k, `drills.error.${v}` as MessageKey]),
          );
          return data({ ok: false as const, message: t("drills.error.form"), errors }, { status: 400 });
        }
        await updateCampaign(actor, campaign.id, read.input);
        return { ok: true as const, message: t("drills.saved"), errors: undefined };
      }
      case "launch": {
        const { queued, skipped } = await launchCampaign(actor, campaign.id);
        return {
          ok: true as const,
          message: t("drills.launched", { count: queued, skipped: skipped.length }),
          errors: undefined,
        };
      }
      case "end":
        await endCampaign(actor, campaign.id);
        return { ok: true as const, message: t("drills.ended"), errors: undefined };
      default:
        return refuse("form", 400);
    }
  } catch (error) {
    if (error instanceof CampaignError) return refuse(error.key, error.key === "unknownScenario" ? 400 : 409);
    throw error;
  }
}

export default function DrillCampaign() {
  const { campaign, values, recipients, skipped, skippedCount, counts, options, previewNumber, preview, reports } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p>
        <Link to="/drills">{t("drills.back")}</Link>
      </p>
      <h1>{campaign.name}</h1>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "notice notice-error"}>
          {result.message}
        </p>
      ) : null}
      <dl className="figure-list">
        <div>
          <dt>{t("drills.col.status")}</dt>
          <dd>{t(`drills.status.${campaign.status}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t("drills.col.scenario")}</dt>
          <dd>{campaign.scenarioTitle}</dd>
        </div>
        <div>
          <dt>{t("drills.col.window")}</dt>
          <dd>
            {formatDateTime(new Date(campaign.windowStart))}〜{formatDateTime(new Date(campaign.windowEnd))}
          </dd>
        </div>
      </dl>
      {campaign.status !== "draft" ? (
        <p>
          {t("drills.queue", counts)} <Link to={`/drills/${campaign.id}/results`}>{t("drills.results")}</Link>
        </p>
      ) : null}
      <div className="actions">
        {campaign.status === "draft" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="launch" />
            <button type="submit" className="button button-primary" disabled={busy || recipients === 0}>
              {t("drills.launch")}
            </button>
          </Form>
        ) : null}
        {campaign.status === "scheduled" || campaign.status === "sending" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end" />
            <button type="submit" className="button button-danger" disabled={busy}>
              {t("drills.end")}
            </button>
          </Form>
        ) : null}
      </div>

      <section aria-labelledby="targets-title">
        <h2 id="targets-title">{t("drills.targets")}</h2>
        <p>
          {t("drills.recipients", { count: recipients })}　{t("drills.skipped", { count: skippedCount })}
        </p>
        {skipped.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("staff.employeeNumber")}</th>
                  <th scope="col">{t("staff.name")}</th>
                  <th scope="col">{t("drills.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {skipped.map((s) => (
                  <tr key={s.employeeNumber}>
                    <td>{s.employeeNumber}</td>
                    <td>{s.name ?? "—"}</td>
                    <td>{t(`drills.skip.${s.reason}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t("drills.reports")}</h2>
        <p>
          {t("drills.reportsCredited", { count: reports.credited })}　
          {t("drills.reportsUnknown", { count: reports.unknownCount })}
        </p>
        <p className="hint">{t("drills.reportsUnknownHint")}</p>
        {reports.unknown.length > 0 ? (
          <div className="table-wrap">
            <table data-testid="unknown-reports">
              <thead>
                <tr>
                  <th scope="col">{t("mailReport.receivedAt")}</th>
                  <th scope="col">{t("drills.col.envelopeFrom")}</th>
                  <th scope="col">{t("drills.col.headerFrom")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.unknown.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(new Date(r.receivedAt))}</td>
                    <td>{r.envelopeFrom || "—"}</td>
                    <td>{r.reporterEmail ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{t("drills.preview")}</h2>
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="preview">{t("staff.employeeNumber")}</label>
            <input id="preview" name="preview" defaultValue={previewNumber} />
          </div>
          <div className="form-actions">
            <button type="submit" className="button">
              {t("drills.previewAs")}
            </button>
          </div>
        </Form>
        {preview === null ? <p role="alert">{t("drills.previewNone")}</p> : null}
        {preview ? (
          <article className="card mail-preview" aria-label={t("drills.preview")}>
            <p>
              {t("drills.previewFrom")}: {preview.fromName} &lt;{preview.fromAddress}&gt;
            </p>
            <p>
              {t("drills.previewTo")}: {preview.to ?? "—"}
            </p>
            <p>
              {t("drills.previewSubject")}: {preview.subject}
            </p>
            <pre className="mail-text">{preview.text}</pre>
          </article>
        ) : null}
      </section>

      {campaign.status === "draft" ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{t("drills.form.save")}</h2>
          <DrillCampaignForm
            values={values}
            options={options}
            errors={result?.errors}
            submitLabel={t("drills.form.save")}
            busy={busy}
          />
        </section>
      ) : null}
    </>
  );
}
