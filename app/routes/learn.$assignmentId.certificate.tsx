import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Certificate } from "~/components/Certificate.tsx";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { getCertificate } from "~/services/certificate.server.ts";
import { getLearnerAssignment } from "~/services/learning.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("certificate.title")} | ${t("app.name")}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const assignmentId = idParam(params.assignmentId);
  const certificate = await getCertificate(user.id, assignmentId);
  if (!certificate && !(await getLearnerAssignment(user.id, assignmentId)))
    throw new Response(t("learn.notFound"), { status: 404 });
  return { assignmentId, certificate };
}

export default function CertificatePage() {
  const { assignmentId, certificate } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print">
        <Link to={`/learn/${assignmentId}`}>{t("learn.backToTrack")}</Link>
      </p>
      {certificate ? (
        <>
          <Certificate certificate={certificate} />
          <p className="no-print">
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              {t("certificate.print")}
            </button>
          </p>
        </>
      ) : (
        <p role="status" className="notice">
          {t("certificate.notCompleted")}
        </p>
      )}
    </>
  );
}
