/**
 * The report parser's worker thread (report-parser.server.ts starts it):
 * reads each reported mail it is given and answers with its plain facts,
 * so that however long a hostile mail takes to read, the thread that answers
 * requests never waits for it. `npm run build` compiles this file to
 * build/server/report-parser-worker.js; under tsx it runs as it is.
 */
import { parentPort } from "node:worker_threads";
import { mailFacts, type StructureLimits } from "./report-mail-facts.server.ts";

export type ParseRequest = { id: number; blocks: Uint8Array[]; limits: StructureLimits };
export type ParseAnswer =
  { id: number; outcome: Awaited<ReturnType<typeof mailFacts>> } | { id: number; error: string };

parentPort?.on("message", (request: ParseRequest) => {
  const raw = Buffer.concat(request.blocks);
  mailFacts(raw, request.limits).then(
    (outcome) => parentPort!.postMessage({ id: request.id, outcome } satisfies ParseAnswer),
    (error: Error) =>
      parentPort!.postMessage({ id: request.id, error: String(error?.message ?? error) } satisfies ParseAnswer),
  );
});
