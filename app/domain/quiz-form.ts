import type { Responses } from "./quiz.ts";

const ANSWER_FIELD = "q:";

/** The form field of a question's answer. */
export function answerField(questionId: string): string {
  return `${ANSWER_FIELD}${questionId}`;
}

/** Chosen choice ids by question, from the quiz form (one field per question, repeated for multiple). */
export function responsesFromForm(form: FormData): Responses {
  const responses: Record<string, string[]> = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith(ANSWER_FIELD) || typeof value !== "string" || value.length > 64) continue;
    const questionId = key.slice(ANSWER_FIELD.length);
    (responses[questionId] ??= []).push(value);
  }
  return responses;
}
