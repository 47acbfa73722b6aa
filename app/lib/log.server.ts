import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from "pino";
import { env } from "./env.server.ts";

/** What the request log knows about the request being answered. */
export type RequestLogContext = {
  /** Sent back as X-Request-Id and put on every line logged while answering. */
  id: string;
  /** The signed-in member of staff, once the session has been read. */
  staffId?: number;
};

/**
 * Made once per process and kept on globalThis: the compiled server
 * (build/server/serve.js) and the Remix build each bundle their own copy of
 * this module, and the request the server starts must be the one the
 * session code adds the staff id to.
 */
type Shared = { requests: AsyncLocalStorage<RequestLogContext>; log: Logger };
const SHARED = Symbol.for("mamori.log");
const shared = ((globalThis as Record<symbol, Shared | undefined>)[SHARED] ??= {
  requests: new AsyncLocalStorage<RequestLogContext>(),
  log: createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT }),
});

/**
 * A logger writing one JSON line per event (time, level, message, fields),
 * or coloured lines through pino-pretty, loaded only when asked for. Lines
 * written while a request is answered carry its id (`reqId`) and, once
 * known, the staff id. On Linux, writes to standard output are synchronous,
 * so nothing is lost when the process exits.
 */
export function createLogger(
  { level, format }: { level: string; format: "json" | "pretty" },
  destination: DestinationStream = process.stdout,
): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    // A field of these names never reaches the log, whoever passes it.
    redact: { paths: ["password", "*.password", "token", "*.token", "cookie", "*.cookie"], censor: "[redacted]" },
    mixin() {
      const request = (globalThis as Record<symbol, Shared | undefined>)[SHARED]?.requests.getStore();
      return request ? { reqId: request.id, ...(request.staffId ? { staffId: request.staffId } : {}) } : {};
    },
  };
  if (format === "pretty") {
    const { formatters: _json, ...pretty } = options;
    return pino({ ...pretty, transport: { target: "pino-pretty", options: { translateTime: "SYS:standard" } } });
  }
  return pino(options, destination);
}

/** The server's logger: settings LOG_LEVEL and LOG_FORMAT. */
export const log: Logger = shared.log;

/** Runs `answer` as the request `context`: what it logs carries the request's id. */
export function runWithRequestContext<T>(context: RequestLogContext, answer: () => T): T {
  return shared.requests.run(context, answer);
}

/** Tells the request log who is signed in on the request being answered. */
export function noteSignedInStaff(staffId: number): void {
  const request = shared.requests.getStore();
  if (request) request.staffId = staffId;
}

/**
 * The id for a request: the one a proxy in front sent (X-Request-Id), when
 * it is short and plain enough to put in a log line, else a new one.
 */
export function requestIdFor(sent: string | string[] | undefined): string {
  return typeof sent === "string" && /^[A-Za-z0-9._:-]{1,100}$/.test(sent) ? sent : randomUUID();
}

/**
 * The path as the log shows it: never the query string (sign-in forms,
 * redirect targets and search terms may carry what must not be kept), and
 * never a drill link's token, which would let anyone who reads the log
 * click in someone's name. Route matching ignores case and repeated
 * slashes, so the redaction does too.
 */
export function loggedPath(pathname: string): string {
  return /^\/+d\//i.test(pathname) ? "/d/[redacted]" : pathname;
}

/** Logs the one line of a request once its response has gone (or the client went away). */
export function logRequest(
  context: RequestLogContext,
  request: { method: string; pathname: string; status: number; ms: number; aborted: boolean },
  { quiet = false }: { quiet?: boolean } = {},
): void {
  const fields = {
    reqId: context.id,
    method: request.method,
    path: loggedPath(request.pathname),
    status: request.status,
    ms: Math.round(request.ms * 10) / 10,
    ...(context.staffId ? { staffId: context.staffId } : {}),
    ...(request.aborted ? { aborted: true } : {}),
  };
  if (quiet) log.debug(fields, "request");
  else if (request.status >= 500) log.warn(fields, "request");
  else log.info(fields, "request");
}
