import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { ClausePopover } from "~/components/ClausePopover.tsx";
import { t } from "~/lib/i18n.ts";
import { idParam } from "~/lib/params.ts";
import { requireUser } from "~/lib/session.server.ts";
import { getLesson } from "~/services/catalogue.server.ts";
import { getLearnerAssignment, markModuleRead } from "~/services/learning.server.ts";
import { getRetakeState } from "~/services/quiz.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? ""} | ${t("app.name")}` }];

async function findLesson(staffId: number, assignmentParam: string | undefined, slug: string | undefined) {
  const learner = await getLearnerAssignment(staffId, idParam(assignmentParam));
  const index = learner && slug ? learner.track.modules.indexOf(slug) : -1;
  if (!learner || index < 0) throw new Response(t("learn.notFound"), { status: 404 });
  return { learner, index, slug: slug! };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { learner, index, slug } = await findLesson(user.id, params.assignmentId, params.slug);
  const [lesson, retake] = await Promise.all([getLesson(slug), getRetakeState(learner)]);
  if (!lesson) throw new Response(t("learn.notFound"), { status: 404 });
  const neighbour = (i: number) => learner.modules.find((m) => m.slug === learner.track.modules[i]) ?? null;
  return {
    assignmentId: learner.assignment.id,
    trackName: learner.track.name,
    slug,
    title: lesson.title,
    summary: lesson.summary,
    minutes: lesson.minutes,
    audienceLabel: audienceLabel(lesson.audience),
    html: lesson.html,
    cited: lesson.cited,
    read: learner.progress.modules[index]?.read ?? false,
    /** A module the last failed attempt sends the person back to, not yet read again. */
    reread: retake?.gate.kind === "reread" && retake.gate.modules.includes(slug),
    position: { index: index + 1, total: learner.track.modules.length },
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  };
}

/** The badge of a module written for one group of staff; none for everyone's modules. */
function audienceLabel(audience: string): string | null {
  switch (audience) {
    case "managers":
      return t("module.managers");
    case "system-admins":
      return t("module.audience.system-admins");
    case "executives":
      return t("module.audience.executives");
    default:
      return null;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { learner, index, slug } = await findLesson(user.id, params.assignmentId, params.slug);
  await markModuleRead(user.id, learner.assignment.id, slug);
  const next = learner.track.modules[index + 1];
  return redirect(next ? `/learn/${learner.assignment.id}/modules/${next}` : `/learn/${learner.assignment.id}`);
}

export default function ModuleReader() {
  const data = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <article className="lesson" aria-labelledby="lesson-title">
      <p>
        <Link to={`/learn/${data.assignmentId}`}>
          {t("learn.backToTrack")}（{data.trackName}）
        </Link>
      </p>
      <p className="lesson-position">
        {data.position.index} / {data.position.total}
        {data.audienceLabel ? <span className="badge badge-muted">{data.audienceLabel}</span> : null}
      </p>
      <h1 id="lesson-title">{data.title}</h1>
      <p className="lead">{data.summary}</p>
      <p className="lesson-minutes">{t("module.minutes", { minutes: data.minutes })}</p>
      {data.reread ? (
        <p className="notice" role="status">
          {t("module.rereadNotice")}
        </p>
      ) : null}
      <div className="lesson-body" dangerouslySetInnerHTML={{ __html: data.html }} />
      {data.cited.map((clause) => (
        <ClausePopover key={clause.id} clause={clause} />
      ))}
      <Form method="post" className="lesson-done">
        {data.read && !data.reread ? <p className="badge badge-ok">{t("module.alreadyRead")}</p> : null}
        <button type="submit" className="button button-primary button-large" disabled={busy}>
          {data.read && data.next && !data.reread ? t("module.next") : t("module.markRead")}
        </button>
      </Form>
      <nav className="lesson-nav" aria-label={t("learn.modules")}>
        {data.previous ? (
          <Link rel="prev" to={`/learn/${data.assignmentId}/modules/${data.previous.slug}`}>
            ← {t("module.previous")}：{data.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {data.next ? (
          <Link rel="next" to={`/learn/${data.assignmentId}/modules/${data.next.slug}`}>
            {t("module.next")}：{data.next.title} →
          </Link>
        ) : null}
      </nav>
    </article>
  );
}
