import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { DrillMailPicture } from "~/components/DrillMailPicture.tsx";
import { today } from "~/lib/clock.server.ts";
import { readForm } from "~/lib/form-body.server.ts";
import { t } from "~/lib/i18n.ts";
import { reportAddress } from "~/services/city.server.ts";
import { confirmDrillEvent, openDrillLink } from "~/services/drill-clicks.server.ts";

/**
 * The drill link (no login): 「これは情報セキュリティ訓練です」. Fetching it
 * records a raw fetch only; the page, once shown in a browser, confirms the
 * click with a request of its own (link scanners fetch but run no page).
 */
export const meta: MetaFunction = () => [{ title: t("teach.title") }, { name: "robots", content: "noindex" }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ params }: LoaderFunctionArgs) {
  const [opened, address] = await Promise.all([
    openDrillLink(params.token ?? "", new Date(), today()),
    reportAddress(),
  ]);
  if (!opened) throw new Response(t("teach.invalid"), { status: 404, headers: { "Cache-Control": "no-store" } });
  const { scenario, mail } = opened;
  // The city's own mail domain, for checking where a link goes: the report address's.
  const cityDomain = address.includes("@") ? address.slice(address.lastIndexOf("@") + 1) : null;
  return data(
    { scenario, mail, kind: scenario.link.kind, address, cityDomain },
    { headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } },
  );
}

const EventForm = z.object({ intent: z.enum(["click", "entered"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = EventForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ ok: false }, { status: 400 });
  const ok = await confirmDrillEvent(params.token ?? "", parsed.data.intent, new Date(), today());
  return data({ ok }, { status: ok ? 200 : 404 });
}

// Confirming the click needs no fresh page data.
export const shouldRevalidate: ShouldRevalidateFunction = () => false;

export default function DrillTeaching() {
  const { scenario, mail, kind, address, cityDomain } = useLoaderData<typeof loader>();
  const fetcher = useFetcher();
  const confirmed = useRef(false);
  const [signedIn, setSignedIn] = useState(kind !== "sign-in");

  useEffect(() => {
    if (confirmed.current) return;
    confirmed.current = true;
    fetcher.submit({ intent: "click" }, { method: "post" });
  }, [fetcher]);

  // The fake form's fields have no name and the form no action: what is
  // typed stays in the browser. Only whether anything was typed is sent.
  function onFakeSignIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = [...event.currentTarget.querySelectorAll("input")].some((input) => input.value.length > 0);
    event.currentTarget.reset();
    if (typed) fetcher.submit({ intent: "entered" }, { method: "post" });
    setSignedIn(true);
  }

  if (!signedIn) {
    return (
      <section className="card fake-sign-in" aria-labelledby="fake-sign-in-title">
        <h1 id="fake-sign-in-title">{t("teach.signIn.title")}</h1>
        <form onSubmit={onFakeSignIn} autoComplete="off">
          <div className="field">
            <label htmlFor="fake-user">{t("teach.signIn.user")}</label>
            <input id="fake-user" type="text" autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="fake-password">{t("teach.signIn.password")}</label>
            <input id="fake-password" type="password" autoComplete="off" />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              {t("teach.signIn.submit")}
            </button>
          </div>
        </form>
      </section>
    );
  }

  return (
    <>
      <h1>{t("teach.title")}</h1>
      <p className="lead" role="status">
        {t("teach.lead")}
      </p>
      {kind === "attachment" ? <p className="notice">{t("teach.attachment")}</p> : null}
      {kind === "sign-in" ? <p className="notice">{t("teach.signIn.warning")}</p> : null}
      <DrillMailPicture mail={mail} link={scenario.link} redFlags={scenario.redFlags} headingLevel={2} />
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t("teach.nextTime")}</h2>
        <ul>
          {scenario.nextTime.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>{t("teach.report", { address })}</p>
      </section>
      <section aria-labelledby="link-check-title">
        <h2 id="link-check-title">{t("teach.linkCheck.title")}</h2>
        <ul>
          <li>{t("teach.linkCheck.hover")}</li>
          <li>{t("teach.linkCheck.longPress")}</li>
          <li>{t("teach.linkCheck.domain")}</li>
          {cityDomain ? <li>{t("teach.linkCheck.cityDomain", { domain: cityDomain })}</li> : null}
          <li>{t("teach.linkCheck.attachment")}</li>
        </ul>
      </section>
      <p>
        <Link to="/">{t("teach.module")}</Link>
      </p>
    </>
  );
}
