import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BulletinCard } from "~/components/Bulletins.tsx";
import { today } from "~/lib/clock.server.ts";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { safeRedirect } from "~/lib/safe-redirect.ts";
import { requireUser } from "~/lib/session.server.ts";
import { readableBulletin, recordReceipt } from "~/services/bulletins.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.bulletin.title ?? t("bulletin.title")} | ${t("app.name")}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A bulletin that is not for this person, or not yet published, does not exist for them.
  const bulletin = await readableBulletin(user.id, idParam(params.bulletinId), today());
  if (!bulletin) throw new Response(t("error.notFound"), { status: 404 });
  return { bulletin };
}

const ReceiptForm = z.object({ intent: z.enum(["read", "confirm"]) });

/** 「読みました」 or 「確認しました」: recorded once, then back where the button was. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const bulletinId = idParam(params.bulletinId);
  const form = await request.formData();
  const parsed = ReceiptForm.safeParse({ intent: form.get("intent") });
  if (!parsed.success) throw new Response(t("bulletin.badIntent"), { status: 400 });
  const recorded = await recordReceipt(user.id, bulletinId, today(), { confirm: parsed.data.intent === "confirm" });
  if (!recorded) throw new Response(t("error.notFound"), { status: 404 });
  return redirect(safeRedirect(form.get("redirectTo"), `/bulletins/${bulletinId}`));
}

export default function BulletinPage() {
  const { bulletin } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/bulletins">{t("bulletin.back")}</Link>
      </p>
      <h1>{t("bulletin.title")}</h1>
      <BulletinCard bulletin={bulletin} redirectTo={`/bulletins/${bulletin.id}`} headingLevel={2} />
    </>
  );
}
