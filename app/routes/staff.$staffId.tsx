import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OneTimePassword } from "~/components/OneTimePassword.tsx";
import { StaffForm } from "~/components/StaffForm.tsx";
import { parseStoredDuties } from "~/domain/duties.ts";
import { formatDateTime } from "~/domain/japan-time.ts";
import { formatJapaneseDate } from "~/domain/japanese-date.ts";
import { assignmentStatus } from "~/domain/assignment-status.ts";
import { OneDueDateForm } from "~/domain/due-date-form.ts";
import { fiscalYearLabel } from "~/domain/fiscal-year.ts";
import { StaffRecordForm } from "~/domain/staff-record.ts";
import { StatusBadge } from "~/components/TrainingStatus.tsx";
import { today } from "~/lib/clock.server.ts";
import { extendDueDates } from "~/services/assignments.server.ts";
import { listStaffAssignments } from "~/services/learning.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import {
  getStaffRecord,
  resetStaffPassword,
  setStaffActive,
  signOutEverywhere,
  staffFormOptions,
  unlockStaff,
  updateStaffRecord,
} from "~/services/staff-directory.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t("staff.editTitle", { name: data.staff.name }) : t("error.notFound")} | ${t("app.name")}` },
];

const StaffId = z.coerce.number().int().positive();

async function findStaffOr404(param: string | undefined) {
  const id = StaffId.safeParse(param);
  const staff = id.success ? await getStaffRecord(id.data) : null;
  if (!staff) throw new Response(t("error.notFound"), { status: 404 });
  return staff;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const [staff, options] = await Promise.all([findStaffOr404(params.staffId), staffFormOptions()]);
  const day = today();
  const assignments = (await listStaffAssignments(staff.id)).map((a) => ({
    ...a,
    fiscalYearLabel: fiscalYearLabel(a.fiscalYear),
    status: assignmentStatus(a, day),
  }));
  return { staff, options, assignments, isAdmin: user.role === "ADMIN", now: new Date() };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save") }),
  z.object({ intent: z.literal("deactivate"), reason: z.string().trim().max(200).default("") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("reset-password") }),
  z.object({ intent: z.literal("unlock") }),
  z.object({ intent: z.literal("sign-out-everywhere") }),
  z.object({ intent: z.literal("extend") }),
]);

type Outcome = { message?: string; initialPassword?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const staff = await findStaffOr404(params.staffId);
  const actor = actorOf(user, context);
  const formData = await request.formData();
  const intent = Intent.safeParse(Object.fromEntries(formData));
  if (!intent.success) return data({ result: null, outcome: {} as Outcome }, { status: 400 });

  switch (intent.data.intent) {
    case "save": {
      const submission = parseWithZod(formData, { schema: StaffRecordForm });
      if (submission.status !== "success")
        return data({ result: submission.reply(), outcome: {} as Outcome }, { status: 400 });
      const saved = await updateStaffRecord(actor, staff.id, submission.value);
      if (!saved.ok) {
        const reply = submission.reply({
          fieldErrors: { [saved.problem.field]: [t(`staff.${saved.problem.message}`)] },
        });
        return data({ result: reply, outcome: {} as Outcome }, { status: 400 });
      }
      return { result: submission.reply(), outcome: { message: t(saved.changed ? "staff.saved" : "staff.unchanged") } };
    }
    case "deactivate":
      await setStaffActive(actor, staff.id, false, intent.data.reason);
      return { result: null, outcome: { message: t("staff.deactivated") } };
    case "reactivate":
      await setStaffActive(actor, staff.id, true, "");
      return { result: null, outcome: { message: t("staff.reactivated") } };
    case "reset-password":
      // A Mamori password would only trap a directory person on /password (administrators keep theirs).
      if (staff.authSource === "DIRECTORY" && staff.role !== "ADMIN") {
        return data({ result: null, outcome: { message: t("password.directoryManaged") } as Outcome }, { status: 409 });
      }
      return {
        result: null,
        outcome: { message: t("staff.passwordIssued"), initialPassword: await resetStaffPassword(actor, staff.id) },
      };
    case "unlock":
      await unlockStaff(actor, staff.id);
      return { result: null, outcome: { message: t("staff.unlocked") } };
    case "extend": {
      const parsed = OneDueDateForm.safeParse(Object.fromEntries(formData));
      if (!parsed.success)
        return data(
          { result: null, outcome: { message: parsed.error.issues[0]!.message } as Outcome },
          { status: 400 },
        );
      const owned = await listStaffAssignments(staff.id);
      if (!owned.some((a) => a.id === parsed.data.assignmentId))
        throw new Response(t("error.notFound"), { status: 404 });
      const count = await extendDueDates(
        actor,
        { assignmentId: parsed.data.assignmentId },
        parsed.data.newDueDate,
        parsed.data.reason,
      );
      return { result: null, outcome: { message: t("due.done", { count, date: parsed.data.newDueDate }) } };
    }
    case "sign-out-everywhere":
      if (user.role !== "ADMIN") throw new Response(t("error.forbidden"), { status: 403 });
      await signOutEverywhere(actor, staff.id);
      return { result: null, outcome: { message: t("staff.signedOutEverywhere") } };
  }
}

export default function StaffRecord() {
  const { staff, options, assignments, isAdmin, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outcome = actionData?.outcome;
  const locked = staff.lockedUntil && staff.lockedUntil > now;
  const directoryOnly = staff.authSource === "DIRECTORY" && staff.role !== "ADMIN";
  return (
    <>
      <p>
        <Link to="/staff">{t("staff.backToDirectory")}</Link>
      </p>
      <h1>{t("staff.editTitle", { name: staff.name })}</h1>
      <p className="badges">
        <span className={staff.active ? "badge badge-ok" : "badge badge-muted"}>
          {staff.active ? t("staff.active") : t("staff.inactive")}
        </span>
        {locked && staff.lockedUntil ? (
          <span className="badge badge-warn">
            {t("staff.lockedUntil", { time: formatDateTime(staff.lockedUntil) })}
          </span>
        ) : null}
        {staff.authSource === "DIRECTORY" ? (
          <span className="badge">
            {t("staff.authSource")}：{t("staff.authSource.DIRECTORY")}
          </span>
        ) : null}
        {!staff.password && !directoryOnly ? <span className="badge badge-muted">{t("staff.noPassword")}</span> : null}
        {staff.password?.mustChange ? <span className="badge badge-muted">{t("staff.mustChange")}</span> : null}
      </p>
      {outcome?.message ? (
        <p role="status" className="notice">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.initialPassword ? <OneTimePassword password={outcome.initialPassword} /> : null}
      <section className="card" aria-label={t("staff.editTitle", { name: staff.name })}>
        <StaffForm
          key={staff.id}
          options={options}
          lastResult={actionData?.result}
          defaultValue={{ ...staff, duties: parseStoredDuties(staff.duties) }}
          submitLabel={t("staff.save")}
        />
      </section>
      <section className="card" aria-labelledby="assignments-title">
        <h2 id="assignments-title">{t("due.assignments")}</h2>
        {assignments.length === 0 ? <p>{t("learn.none")}</p> : null}
        <ul className="plain-list">
          {assignments.map((a) => (
            <li key={a.id} className="assignment-row">
              <p>
                <strong>{a.trackName}</strong>（{a.fiscalYearLabel}） <StatusBadge status={a.status} />{" "}
                {t("learn.due", { date: formatJapaneseDate(a.dueDate, { weekday: true }) })}
              </p>
              {a.status !== "completed" ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="extend" />
                  <input type="hidden" name="assignmentId" value={a.id} />
                  <div className="field">
                    <label htmlFor={`due-${a.id}`}>{t("due.newDate")}</label>
                    <input id={`due-${a.id}`} name="newDueDate" type="date" required />
                  </div>
                  <div className="field">
                    <label htmlFor={`reason-${a.id}`}>{t("due.reason")}</label>
                    <input id={`reason-${a.id}`} name="reason" required maxLength={200} />
                  </div>
                  <button type="submit" className="button button-quiet">
                    {t("due.extendOne")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t("staff.account")}</h2>
        <div className="account-actions">
          {staff.active ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="deactivate" />
              <div className="field">
                <label htmlFor="reason">{t("staff.deactivateReason")}</label>
                <input id="reason" name="reason" maxLength={200} aria-describedby="reason-hint" />
                <p id="reason-hint" className="field-hint">
                  {t("staff.deactivateReasonHint")}
                </p>
              </div>
              <button type="submit" className="button button-danger">
                {t("staff.deactivate")}
              </button>
            </Form>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="reactivate" className="button button-quiet">
                {t("staff.reactivate")}
              </button>
            </Form>
          )}
          {directoryOnly ? null : (
            <Form method="post">
              <button type="submit" name="intent" value="reset-password" className="button button-quiet">
                {t("staff.resetPassword")}
              </button>
            </Form>
          )}
          {locked ? (
            <Form method="post">
              <button type="submit" name="intent" value="unlock" className="button button-quiet">
                {t("staff.unlock")}
              </button>
            </Form>
          ) : null}
          {isAdmin ? (
            <Form method="post">
              <button type="submit" name="intent" value="sign-out-everywhere" className="button button-quiet">
                {t("staff.signOutEverywhere")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </>
  );
}
