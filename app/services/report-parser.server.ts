/**
 * Reads reported mails in one worker thread, one mail at a time, so that no
 * mail holds the thread that answers requests: the raw bytes go to the
 * worker, the plain facts come back. A mail that takes longer than the time
 * limit stops the worker (a new one starts for the next mail) and comes
 * back as unparseable.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ParseOutcome, StructureLimits } from "./report-mail-facts.server.ts";
import type { ParseAnswer, ParseRequest } from "./report-parser-worker.server.ts";

/** Bytes are gathered in blocks this size: each copy into one is short, and none is copied again. */
const BLOCK_BYTES = 256 * 1024;

/**
 * A mail's bytes as they arrive, copied into blocks that are handed to the
 * worker without copying (transferred). Joining 10 MB into one buffer, or
 * cloning it for the worker, held the event loop ~50 ms each.
 */
export class ArrivingMail {
  readonly blocks: Buffer[] = [];
  length = 0;
  #fill = BLOCK_BYTES;

  add(chunk: Buffer) {
    for (let at = 0; at < chunk.length;) {
      if (this.#fill === BLOCK_BYTES) {
        this.blocks.push(Buffer.allocUnsafeSlow(BLOCK_BYTES));
        this.#fill = 0;
      }
      const copied = chunk.copy(this.blocks.at(-1)!, this.#fill, at);
      at += copied;
      this.#fill += copied;
      this.length += copied;
    }
  }

  /** The first `bytes` of the mail (or all of it), as one buffer. */
  head(bytes: number): Buffer {
    return Buffer.concat(this.filled(), Math.min(bytes, this.length));
  }

  /** The blocks, the last cut to what it holds. */
  filled(): Buffer[] {
    return this.blocks.map((block, i) => (i === this.blocks.length - 1 ? block.subarray(0, this.#fill) : block));
  }
}

export type ParseResult = { kind: "parsed"; outcome: ParseOutcome } | { kind: "unparseable"; reason: string };

/**
 * The worker. In the production build Vite bundles this module into a
 * chunk under build/server/assets/, and scripts/build-server.ts compiles
 * the worker to build/server/report-parser-worker.js, found from the
 * working directory as app/cli/serve.ts finds the build. Under tsx or Vite
 * (development, tests) this module is its own .ts file with the worker's
 * source beside it; a worker thread does not inherit tsx's loader (nor
 * takes it from execArgv on Node 20), so it registers it first.
 */
function startWorker(options: WorkerOptions): Worker {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith(".ts")) return new Worker(resolve("build/server/report-parser-worker.js"), options);
  const source = pathToFileURL(join(dirname(here), "report-parser-worker.server.ts")).href;
  return new Worker(
    `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`,
    { ...options, eval: true },
  );
}

/** A parser whose worker is started now and ended by close(). */
export function startReportParser(options: { timeoutMs: number; limits: StructureLimits }) {
  let worker: Worker | undefined;
  let lastId = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const start = () => {
    // Its own heap, so that a mail that would exhaust it ends the worker, not the server.
    const started = startWorker({ resourceLimits: { maxOldGenerationSizeMb: 256 } });
    started.unref();
    return started;
  };
  worker = start();

  function parseNow(mail: ArrivingMail): Promise<ParseResult> {
    const current = (worker ??= start());
    const id = ++lastId;
    return new Promise((resolve) => {
      const finish = (result: ParseResult) => {
        clearTimeout(timer);
        current.off("message", onMessage);
        current.off("error", onError);
        current.off("exit", onExit);
        resolve(result);
      };
      const stop = (reason: string) => {
        if (worker === current) worker = undefined;
        void current.terminate();
        finish({ kind: "unparseable", reason });
      };
      const onMessage = (answer: ParseAnswer) => {
        if (answer.id !== id) return;
        finish(
          "error" in answer
            ? { kind: "unparseable", reason: answer.error }
            : { kind: "parsed", outcome: answer.outcome },
        );
      };
      const onError = (error: Error) => stop(`the parser failed: ${error.message}`);
      const onExit = () => stop("the parser stopped");
      const timer = setTimeout(() => stop(`not read within ${options.timeoutMs} ms`), options.timeoutMs);
      current.on("message", onMessage);
      current.on("error", onError);
      current.on("exit", onExit);
      // Transferred, not copied: the blocks are the worker's from now on.
      const blocks = mail.filled();
      current.postMessage({ id, blocks, limits: options.limits } satisfies ParseRequest, [
        ...new Set(blocks.map((block) => block.buffer as ArrayBuffer)),
      ]);
    });
  }

  return {
    /**
     * The facts of one mail, after the mails before it: the time limit
     * counts from its own turn. The mail's bytes go to the worker: read
     * what else is needed of them first.
     */
    parse(mail: ArrivingMail): Promise<ParseResult> {
      const result = queue.then(() => parseNow(mail));
      queue = result.catch(() => undefined);
      return result;
    },
    close: async () => {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
