import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CitySettingsSchema, organisationLines, parseOrganisationLines } from "~/domain/city.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { getCity, pendingApprovalOff, updateCity } from "~/services/city.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("city.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const [city, pending] = await Promise.all([getCity(), pendingApprovalOff()]);
  return {
    ...city,
    organisations: organisationLines(city.organisations),
    approvalOffPending: pending ? { name: pending.name, byMe: pending.staffId === user.id } : null,
  };
}

const FIELDS = [
  "cityName",
  "policyTitle",
  "organisations",
  "issuerLine",
  "pledgeWording",
  "reportAddress",
  "replyDomains",
  "reportAliases",
] as const;
type FieldName = (typeof FIELDS)[number];

const SettingsForm = z.object({
  cityName: z.string().max(1000).default(""),
  policyTitle: z.string().max(1000).default(""),
  organisations: z.string().max(20_000).default(""),
  issuerLine: z.string().max(1000).default(""),
  pledgeWording: z.string().max(5000).default(""),
  reportAddress: z.string().max(1000).default(""),
  replyDomains: z.string().max(5000).default(""),
  reportAliases: z.string().max(20_000).default(""),
  requireApproval: z.string().max(10).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["ADMIN"] });
  const form = SettingsForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success)
    return data({ message: t("city.invalid"), errors: {} as Partial<Record<FieldName, string>> }, { status: 400 });
  const settings = CitySettingsSchema.safeParse({
    ...form.data,
    organisations: parseOrganisationLines(form.data.organisations),
    requireApproval: form.data.requireApproval === "on",
  });
  if (!settings.success) {
    const errors: Partial<Record<FieldName, string>> = {};
    for (const issue of settings.error.issues) {
      const field = issue.path[0] as FieldName;
      if (FIELDS.includes(field)) errors[field] = t(`city.error.${field}` as MessageKey);
    }
    return data({ message: t("city.invalid"), errors }, { status: 400 });
  }
  const result = await updateCity(actorOf(user, context), settings.data);
  if (!result.ok) {
    return data(
      {
        message: t("city.organisationInUse", { name: result.organisation }),
        errors: {} as Partial<Record<FieldName, string>>,
      },
      { status: 409 },
    );
  }
  const message =
    result.approvalOff === "requested"
      ? t("city.approvalOffRequested")
      : result.approvalOff === "confirmed"
        ? t("city.approvalOffConfirmed")
        : t("city.saved");
  return { message, errors: {} as Partial<Record<FieldName, string>> };
}

function TextField({
  name,
  label,
  value,
  error,
  hint,
  rows,
}: {
  name: FieldName;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  rows?: number;
}) {
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id: name,
    name,
    defaultValue: value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {rows ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {hint ? (
        <p id={`${name}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export default function CitySettingsPage() {
  const city = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.errors ?? {};
  return (
    <>
      <h1>{t("city.title")}</h1>
      <p className="lead">{t("city.lead")}</p>
      {result ? (
        <p role="status" className="notice">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="form-stack">
        <TextField name="cityName" label={t("city.cityName")} value={city.cityName} error={errors.cityName} />
        <TextField
          name="policyTitle"
          label={t("city.policyTitle")}
          value={city.policyTitle}
          error={errors.policyTitle}
        />
        <TextField
          name="organisations"
          label={t("city.organisations")}
          value={city.organisations}
          error={errors.organisations}
          hint={t("city.organisationsHint")}
          rows={10}
        />
        <TextField name="issuerLine" label={t("city.issuerLine")} value={city.issuerLine} error={errors.issuerLine} />
        <TextField
          name="pledgeWording"
          label={t("city.pledgeWording")}
          value={city.pledgeWording}
          error={errors.pledgeWording}
          rows={4}
        />
        <TextField
          name="reportAddress"
          label={t("city.reportAddress")}
          value={city.reportAddress}
          error={errors.reportAddress}
        />
        <TextField
          name="replyDomains"
          label={t("city.replyDomains")}
          value={city.replyDomains}
          error={errors.replyDomains}
          hint={t("city.replyDomainsHint")}
          rows={3}
        />
        <TextField
          name="reportAliases"
          label={t("city.reportAliases")}
          value={city.reportAliases}
          error={errors.reportAliases}
          hint={t("city.reportAliasesHint")}
          rows={4}
        />
        <div className="field field-checkbox">
          <input type="checkbox" id="requireApproval" name="requireApproval" defaultChecked={city.requireApproval} />
          <label htmlFor="requireApproval">{t("city.requireApproval")}</label>
        </div>
        {city.approvalOffPending ? (
          <p className="notice" role="status">
            {city.approvalOffPending.byMe
              ? t("city.approvalOffPendingMine")
              : t("city.approvalOffPending", { name: city.approvalOffPending.name })}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("city.save")}
          </button>
        </div>
      </Form>
    </>
  );
}
