import { z } from "zod";
import type { QuestionEdit, TrackEdit } from "./edit.ts";

/**
 * The browser editor's forms, read into edits. Only the shape is checked
 * here (lengths, numbers, one choice a line); whether the content holds
 * together is the validator's job, run on the draft after the edit.
 */

const text = (max: number) => z.string().max(max).default("");

export const QuestionFormSchema = z.object({
  type: z.enum(["single", "multiple", "truefalse"]).catch("single"),
  prompt: text(5000),
  choices: text(10_000),
  answer: text(200),
  explanation: text(10_000),
  clause: text(50),
});

/** "a 上司に報告する" a line → { id: "a", text: "上司に報告する" }. */
export function parseChoiceLines(source: string) {
  return source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [id = "", ...rest] = line.split(/[\s\u3000]+/);
      return { id, text: rest.join(" ") };
    });
}

export const choiceLines = (choices: readonly { id: string; text: string }[]) =>
  choices.map((c) => `${c.id} ${c.text}`).join("\n");

export function questionEdit(form: z.infer<typeof QuestionFormSchema>): QuestionEdit {
  return {
    type: form.type,
    prompt: form.prompt.trim(),
    choices: parseChoiceLines(form.choices),
    answer: form.answer.split(/[\s,、]+/).filter(Boolean),
    explanation: form.explanation.trim(),
    clause: form.clause.trim(),
  };
}

export const ModuleFormSchema = z.object({
  title: text(200),
  summary: text(1000),
  clauses: text(1000),
  body: text(100_000),
});

export const splitList = (source: string) => source.split(/[\s,、]+/).filter(Boolean);

export const ClauseFormSchema = z.object({ heading: text(200), text: text(20_000) });

const count = z.coerce.number().int().min(0).max(10_000).catch(-1);

export const TrackFormSchema = z.object({
  modules: text(2000),
  quizQuestions: count,
  passPercent: count,
  dueKind: z.enum(["daysAfter", "fiscalYearDate"]).catch("daysAfter"),
  dueDays: count,
  dueFrom: z.enum(["start", "appointment", "assigned"]).catch("assigned"),
  dueDate: text(10),
});

export function trackEdit(
  form: z.infer<typeof TrackFormSchema>,
  employeeTypes: string[],
  roles: string[],
): TrackEdit {
  return {
    modules: splitList(form.modules),
    quiz: { questions: form.quizQuestions, passPercent: form.passPercent },
    due:
      form.dueKind === "daysAfter"
        ? { daysAfter: form.dueDays, from: form.dueFrom }
        : { fiscalYearDate: form.dueDate.trim() },
    appliesTo: { employeeTypes, roles },
  };
}
