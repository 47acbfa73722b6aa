import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DrillCampaignForm } from "~/components/DrillCampaignForm.tsx";
import { addDays } from "~/domain/fiscal-year.ts";
import { readCampaignForm } from "~/domain/drills/campaign.ts";
import { today } from "~/lib/clock.server.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { CampaignError, createCampaign } from "~/services/drill-campaigns.server.ts";
import { listScenarios } from "~/services/drill-scenarios.server.ts";
import { staffFormOptions } from "~/services/staff-directory.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("drills.new")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const day = today();
  return {
    options: { ...(await staffFormOptions()), scenarios: listScenarios().map((s) => ({ id: s.id, title: s.title })) },
    defaults: {
      windowStart: `${addDays(day, 1)}T09:00`,
      windowEnd: `${addDays(day, 3)}T17:00`,
      endDate: addDays(day, 14),
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const form = Object.fromEntries(await readForm(request));
  const read = readCampaignForm(form);
  const fail = (errors: Record<string, string>) =>
    data(
      {
        errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, `drills.error.${v}` as MessageKey])),
        values: form as Record<string, string>,
      },
      { status: 400 },
    );
  if (read.errors) return fail(read.errors);
  try {
    const campaign = await createCampaign(actorOf(user, context), read.input);
    return redirect(`/drills/${campaign.id}`);
  } catch (error) {
    if (error instanceof CampaignError) return fail({ scenarioId: error.key });
    throw error;
  }
}

export default function NewDrill() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const values = result?.values
    ? {
        ...result.values,
        targetKind: result.values.targetKind === "list" ? ("list" as const) : ("filter" as const),
        sectionId: Number(result.values.sectionId) || undefined,
        businessHoursOnly: result.values.businessHoursOnly === "on",
      }
    : { ...defaults, businessHoursOnly: true };
  return (
    <>
      <p>
        <Link to="/drills">{t("drills.back")}</Link>
      </p>
      <h1>{t("drills.new")}</h1>
      {result?.errors ? (
        <p role="alert" className="notice notice-error">
          {t("drills.error.form")}
        </p>
      ) : null}
      <DrillCampaignForm
        values={values}
        options={options}
        errors={result?.errors}
        submitLabel={t("drills.form.create")}
        busy={busy}
      />
    </>
  );
}
