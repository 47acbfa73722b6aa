import { z } from "zod";

/** The quiz page's posts: start an attempt, save answers so far, or submit. */
export const QuizIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("save"), attemptId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("submit"), attemptId: z.coerce.number().int().positive() }),
]);
