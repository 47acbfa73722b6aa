import type { Track } from "./content/types.ts";

export type TrackProgress = {
  modules: { slug: string; read: boolean }[];
  /** 修了: the steps are those of the release it was completed against, all done. */
  completed: boolean;
  readingRequired: boolean;
  quizPassed: boolean;
  pledgeRequired: boolean;
  pledgeSigned: boolean;
};

export type NextStep = { kind: "read"; moduleSlug: string } | { kind: "quiz" } | { kind: "pledge" } | { kind: "done" };

/**
 * A track's steps as the learner has done them. For a completed assignment,
 * `completedModules` are the modules as they were when it was completed: a
 * later release that adds a module to the track does not reopen it.
 */
export function trackProgress(
  track: Pick<Track, "modules" | "reading" | "pledge">,
  state: {
    readSlugs: ReadonlySet<string>;
    quizPassed: boolean;
    pledgeSigned: boolean;
    completedModules?: readonly string[];
  },
): TrackProgress {
  return {
    modules: (state.completedModules ?? track.modules).map((slug) => ({ slug, read: state.readSlugs.has(slug) })),
    completed: state.completedModules !== undefined,
    readingRequired: track.reading === "required",
    quizPassed: state.quizPassed,
    pledgeRequired: track.pledge,
    pledgeSigned: state.pledgeSigned,
  };
}

/**
 * The one obvious next step: read the next unread module (when reading is
 * required), then pass the quiz, then sign the pledge (when required).
 */
export function nextStep(progress: TrackProgress): NextStep {
  if (progress.completed) return { kind: "done" };
  const unread = progress.modules.find((m) => !m.read);
  if (progress.readingRequired && unread) return { kind: "read", moduleSlug: unread.slug };
  if (!progress.quizPassed) return { kind: "quiz" };
  if (progress.pledgeRequired && !progress.pledgeSigned) return { kind: "pledge" };
  return { kind: "done" };
}

/** Whether the quiz may be started: all modules read, if reading is required. */
export function quizUnlocked(progress: TrackProgress): boolean {
  return !progress.readingRequired || progress.modules.every((m) => m.read);
}

/** Steps done out of steps in the track, for the progress bar. */
export function stepsDone(progress: TrackProgress): { done: number; total: number } {
  const reading = progress.readingRequired ? progress.modules : [];
  const total = reading.length + 1 + (progress.pledgeRequired ? 1 : 0);
  if (progress.completed) return { done: total, total };
  const done =
    reading.filter((m) => m.read).length +
    (progress.quizPassed ? 1 : 0) +
    (progress.pledgeRequired && progress.pledgeSigned ? 1 : 0);
  return { done, total };
}
