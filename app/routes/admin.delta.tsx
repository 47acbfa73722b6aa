import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { employeeTypeOptions, FilterSelect, organisationOptions, trackOptions } from "~/components/FilterFields.tsx";
import { formatDateTime } from "~/domain/japan-time.ts";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { listTracks } from "~/services/catalogue.server.ts";
import {
  assignDeltaRetraining,
  countDeltaCandidates,
  DELTA_TRACK,
  listReleaseChanges,
} from "~/services/delta.server.ts";
import { staffFormOptions } from "~/services/staff-directory.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("delta.title")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const [releases, options, tracks] = await Promise.all([listReleaseChanges(), staffFormOptions(), listTracks()]);
  const withCounts = await Promise.all(
    releases.map(async (r) => ({ ...r, candidates: await countDeltaCandidates(r.id, {}) })),
  );
  return {
    releases: withCounts,
    options,
    tracks: tracks.filter((tr) => tr.id !== DELTA_TRACK).map((tr) => ({ id: tr.id, name: tr.name })),
  };
}

const blank = (v: unknown) => (v === "" ? undefined : v);
const DeltaForm = z.object({
  releaseId: z.coerce.number().int().positive(),
  organisationId: z.preprocess(blank, z.string().max(64).optional()),
  employeeTypeCode: z.preprocess(blank, z.string().max(64).optional()),
  trackId: z.preprocess(blank, z.string().max(64).optional()),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const parsed = DeltaForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ message: t("error.unexpected") }, { status: 400 });
  const { releaseId, ...filter } = parsed.data;
  const result = await assignDeltaRetraining(actorOf(user, context), releaseId, filter, today());
  const done = t("delta.done", { created: result.created, existing: result.existing });
  return { message: result.skipped > 0 ? `${done}${t("delta.doneSkipped", { skipped: result.skipped })}` : done };
}

export default function DeltaRetraining() {
  const { releases, options, tracks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("delta.title")}</h1>
      <p className="lead">{t("delta.lead")}</p>
      {result ? (
        <p role="status" className="notice">
          {result.message}
        </p>
      ) : null}
      {releases.length === 0 ? <p>{t("delta.none")}</p> : null}
      {releases.map((release) => (
        <section key={release.id} className="card" aria-labelledby={`release-${release.id}`}>
          <h2 id={`release-${release.id}`}>
            {release.policyRevised
              ? t("delta.release", {
                  id: release.id,
                  date: formatDateTime(release.createdAt),
                  revised: release.policyRevised,
                })
              : t("delta.releaseUndated", { id: release.id, date: formatDateTime(release.createdAt) })}
          </h2>
          <p>
            {t("delta.changedClauses")}：
            {release.changedClauses.length > 0 ? release.changedClauses.map((c) => `基本方針 ${c}`).join("、") : "—"}
          </p>
          {release.modules.length === 0 ? (
            <p>{t("delta.noModules")}</p>
          ) : (
            <>
              <h3>{t("delta.modules")}</h3>
              <ul>
                {release.modules.map((m) => (
                  <li key={m.slug}>
                    {m.title}
                    {m.clauseIds.length > 0 ? `（${m.clauseIds.join("、")}）` : ""}
                  </li>
                ))}
              </ul>
              <p>{t("delta.candidates", { count: release.candidates })}</p>
              <Form method="post" className="form-grid">
                <input type="hidden" name="releaseId" value={release.id} />
                <FilterSelect
                  id={`org-${release.id}`}
                  name="organisationId"
                  label={t("staff.organisation")}
                  options={organisationOptions(options.organisations)}
                />
                <FilterSelect
                  id={`type-${release.id}`}
                  name="employeeTypeCode"
                  label={t("staff.employeeType")}
                  options={employeeTypeOptions(options.employeeTypes)}
                />
                <FilterSelect
                  id={`track-${release.id}`}
                  name="trackId"
                  label={t("delta.filterTrack")}
                  options={trackOptions(tracks)}
                />
                <div className="form-actions">
                  <button type="submit" className="button button-primary" disabled={busy}>
                    {t("delta.assign")}
                  </button>
                </div>
              </Form>
            </>
          )}
        </section>
      ))}
    </>
  );
}
