/** The training content of content/, as read and checked (see README "Content"). */
import type { Duty } from "../duties.ts";
import type { Role } from "../roles.ts";

export type Clause = {
  id: string;
  heading: string;
  text: string;
  /** Position in the policy, for ordering. */
  order: number;
  /** The heading is Mamori's: the policy numbers this item without a title. */
  editorial: boolean;
};

/** Who a module is written for; a module for a group is only in that group's tracks. */
export type Audience = "all" | "managers" | "system-admins" | "executives";

export type TrainingModule = {
  slug: string;
  title: string;
  summary: string;
  clauses: string[];
  audience: Audience;
  minutes: number;
  /** Markdown, with clause citations written [[6(4)イ]]. */
  body: string;
};

export type QuestionType = "single" | "multiple" | "truefalse";

export type Choice = { id: string; text: string };

export type Question = {
  id: string;
  moduleSlug: string;
  type: QuestionType;
  prompt: string;
  choices: Choice[];
  /** Ids of the correct choices: one for single and truefalse. */
  answer: string[];
  explanation: string;
  clause: string;
};

export type DueRule =
  | { kind: "daysAfter"; days: number; from: "start" | "appointment" | "assigned" }
  | { kind: "fiscalYearDate"; monthDay: string };

export type Track = {
  id: string;
  name: string;
  description: string;
  /** Roles and 担当 (duties) that receive the track; an empty list means everyone. */
  appliesTo: { employeeTypes: string[]; roles: Role[]; duties: Duty[] };
  cycle: "once" | "fiscal-year" | "appointment" | "delta" | "drill";
  /** Not assigned in the fiscal year the person started: onboarding covers it. */
  skipInYearOfStart: boolean;
  modules: string[];
  reading: "required" | "optional";
  /**
   * `fixed`: modules that give exactly this many questions (a course whose
   * own module is its point); the rest are spread over the other modules.
   */
  quiz: { questions: number; passPercent: number; fixed?: Record<string, number> };
  pledge: boolean;
  due: DueRule;
};

export type Policy = {
  title: string;
  /** The policy's 改定日 (YYYY-MM-DD) as the city sets it; null when none is set. */
  revised: string | null;
  clauses: Clause[];
};

export type ContentBundle = {
  policy: Policy;
  modules: TrainingModule[];
  questions: Question[];
  tracks: Track[];
};

/** One thing wrong with the content, located so an author can fix it. */
export type ContentProblem = { file: string; line: number; message: string };

/** A file of content/, by its path relative to content/. */
export type ContentFile = { path: string; text: string };

/** Clause citations in Markdown: [[6(4)イ]]. */
export const CITATION = /\[\[([^[\]\n]+)\]\]/g;
