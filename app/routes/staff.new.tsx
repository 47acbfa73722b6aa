import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OneTimePassword } from "~/components/OneTimePassword.tsx";
import { StaffForm } from "~/components/StaffForm.tsx";
import { StaffRecordForm } from "~/domain/staff-record.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { actorOf, requireUser } from "~/lib/session.server.ts";
import { createStaffRecord, staffFormOptions } from "~/services/staff-directory.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("staff.createTitle")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  return { options: await staffFormOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: ["HR", "ADMIN"] });
  const submission = parseWithZod(await readForm(request), { schema: StaffRecordForm });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const outcome = await createStaffRecord(actorOf(user, context), submission.value);
  if (!outcome.ok) {
    const reply = submission.reply({
      fieldErrors: { [outcome.problem.field]: [t(`staff.${outcome.problem.message}`)] },
    });
    return data({ result: reply, created: null }, { status: 400 });
  }
  // The initial password is returned once, in this response, and never stored in clear.
  return {
    result: submission.reply({ resetForm: true }),
    created: { id: outcome.staffId, name: submission.value.name, initialPassword: outcome.initialPassword },
  };
}

export default function NewStaff() {
  const { options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const created = actionData?.created;
  return (
    <>
      <p>
        <Link to="/staff">{t("staff.backToDirectory")}</Link>
      </p>
      <h1>{t("staff.createTitle")}</h1>
      {created ? (
        <>
          <p role="status">
            <Link to={`/staff/${created.id}`}>{t("staff.created", { name: created.name })}</Link>
          </p>
          <OneTimePassword password={created.initialPassword} />
        </>
      ) : null}
      <section className="card">
        <StaffForm
          options={options}
          lastResult={actionData?.result}
          defaultValue={{ role: "LEARNER" }}
          submitLabel={t("staff.create")}
        />
      </section>
    </>
  );
}
