import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Certificate } from "~/components/Certificate.tsx";
import { t } from "~/lib/i18n.ts";
import { requireUser } from "~/lib/session.server.ts";
import { verifyCertificate } from "~/services/certificate.server.ts";

export const meta: MetaFunction = () => [{ title: `${t("certificate.verifyTitle")} | ${t("app.name")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "ADMIN"] });
  const code = new URL(request.url).searchParams.get("code")?.slice(0, 32) ?? "";
  return { code, certificate: code ? await verifyCertificate(code) : null };
}

export default function VerifyCertificate() {
  const { code, certificate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("certificate.verifyTitle")}</h1>
      <p className="lead">{t("certificate.verifyLead")}</p>
      <Form method="get" className="card inline-form" role="search">
        <div className="field">
          <label htmlFor="code">{t("certificate.verifyCode")}</label>
          <input id="code" name="code" defaultValue={code} autoComplete="off" placeholder="XXXX-XXXX-XX" />
        </div>
        <button type="submit" className="button button-primary">
          {t("certificate.verify")}
        </button>
      </Form>
      {code ? (
        certificate ? (
          <>
            <p role="status" className="notice">
              {t("certificate.valid")}
            </p>
            <Certificate certificate={certificate} />
          </>
        ) : (
          <p role="alert" className="notice notice-error">
            {t("certificate.invalid")}
          </p>
        )
      ) : null}
    </>
  );
}
