import { z } from "zod";
import { IdField } from "~/lib/params.ts";

/** The quiz page's posts: start an attempt, save answers so far, or submit. */
export const QuizIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("save"), attemptId: IdField }),
  z.object({ intent: z.literal("submit"), attemptId: IdField }),
]);
