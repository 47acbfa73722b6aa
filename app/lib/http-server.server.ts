import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import { extname, join, relative, sep } from "node:path";
import { Transform } from "node:stream";
import {
  chooseEncoding,
  compressStream,
  compressible,
  CONTENT_TYPES,
  type Encoding,
  PRECOMPRESSED_EXTENSION,
} from "./compression.server.ts";
import { log, logRequest, requestIdFor, runWithRequestContext, type RequestLogContext } from "./log.server.ts";
import { isCrossSiteWrite, securityHeaders } from "./security-headers.server.ts";

declare module "@remix-run/node" {
  /** What every loader and action receives as `context`. */
  interface AppLoadContext {
    /** The client's address, for the login throttle and the audit log. */
    clientAddress: string;
    /** This response's Content-Security-Policy nonce for inline scripts. */
    cspNonce?: string;
  }
}

type StaticFile = {
  headers: Record<string, string | number>;
  /** The file as it is, and compressed once at start-up where that pays. */
  bodies: Partial<Record<Encoding | "identity", Buffer>>;
};

/**
 * The client build's files by URL path, read once at startup with the
 * compressed copies the build made of them: the build does not change under
 * a running server (about 1 MB), and answering from memory skips a stat, an
 * open, a read and a close per request. Files under /assets/ carry a content
 * hash in their name, so browsers may keep them for a year.
 */
function loadClientFiles(clientDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const paths = new Set(
    readdirSync(clientDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name)),
  );
  const compressedCopies = new Set(
    [...paths].filter((path) => Object.values(PRECOMPRESSED_EXTENSION).some((ext) => path.endsWith(ext))),
  );
  for (const path of paths) {
    if (compressedCopies.has(path)) continue;
    const pathname = `/${relative(clientDir, path).split(sep).join("/")}`;
    const contentType = CONTENT_TYPES[extname(path)] ?? "application/octet-stream";
    const bodies: StaticFile["bodies"] = { identity: readFileSync(path) };
    for (const [encoding, ext] of Object.entries(PRECOMPRESSED_EXTENSION) as [Encoding, string][]) {
      if (compressedCopies.has(path + ext)) bodies[encoding] = readFileSync(path + ext);
    }
    files.set(pathname, {
      bodies,
      headers: {
        "Content-Type": contentType,
        "Cache-Control": pathname.startsWith("/assets/")
          ? "public, max-age=31536000, immutable"
          : "public, max-age=3600",
        "X-Content-Type-Options": "nosniff",
        ...(compressible(contentType) ? { Vary: "Accept-Encoding" } : {}),
      },
    });
  }
  return files;
}

/** Answers a GET or HEAD for a file of the client build; false for anything else. */
function serveStatic(files: Map<string, StaticFile>, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const file = files.get(query < 0 ? url : url.slice(0, query));
  if (!file) return false;
  const encoding = chooseEncoding(req.headers["accept-encoding"], Object.keys(file.bodies) as Encoding[]);
  const body = file.bodies[encoding ?? "identity"]!;
  res.writeHead(200, {
    ...file.headers,
    "Content-Length": body.length,
    ...(encoding ? { "Content-Encoding": encoding } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

/** The load balancers' health check (app/routes/healthz.ts). */
const HEALTH_PATH = "/healthz";

/** Largest request body accepted: forms are small; the staff CSV upload has its own limit inside. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Methods that reach loaders (GET, HEAD) and actions (POST); anything else is refused. */
const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST"]);

/** Bodies an action can read: what HTML forms and Remix's fetchers send. */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
const isFormBody = (contentType: string | undefined) =>
  FORM_TYPES.includes((contentType ?? "").split(";")[0]!.trim().toLowerCase());

/**
 * The request's URL, or null when it cannot be made safely: a missing or
 * malformed Host, or a target that is not a path (absolute-form targets
 * are for proxies, which Mamori is not).
 */
function requestUrl(req: IncomingMessage, scheme: "http" | "https"): URL | null {
  const host = req.headers.host;
  const target = req.url ?? "";
  if (!host || !/^[a-zA-Z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(host)) return null;
  if (!target.startsWith("/")) return null;
  try {
    return new URL(`${scheme}://${host}${target}`);
  } catch {
    return null;
  }
}

/**
 * Passes the body through until it grows past MAX_BODY_BYTES (chunked
 * uploads have no Content-Length), then stops passing it on, discards the
 * rest so that the client can read the 413 instead of a reset connection,
 * and reports the overflow.
 */
function limited(req: IncomingMessage, onTooLarge: () => void) {
  let seen = 0;
  let over = false;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (over) return callback();
      seen += chunk.length;
      if (seen <= MAX_BODY_BYTES) return callback(null, chunk);
      over = true;
      onTooLarge();
      req.unpipe(limiter);
      req.resume();
      callback(new Error("request body too large"));
    },
  });
  req.on("error", (error) => limiter.destroy(error));
  return req.pipe(limiter);
}

function toRequest(req: IncomingMessage, res: ServerResponse, url: URL, onTooLarge: () => void): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const controller = new AbortController();
  // Abort loaders and actions if the client goes away before the response.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method === "POST") {
    init.body = createReadableStreamFromReadable(limited(req, onTooLarge));
    init.duplex = "half";
  }
  return new Request(url, init);
}

async function sendResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
  extra: Record<string, string>,
): Promise<void> {
  const headers: Record<string, string | string[]> = { ...extra };
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  // Pages and data are personal: a shared PC's back button or a proxy must
  // not show them to the next person.
  headers["cache-control"] = "no-store";
  const encoding =
    response.body && req.method !== "HEAD" && !headers["content-encoding"] && compressible(headers["content-type"])
      ? chooseEncoding(req.headers["accept-encoding"], ["br", "gzip"])
      : null;
  if (compressible(headers["content-type"])) headers["vary"] = "Accept-Encoding";
  if (encoding) {
    headers["content-encoding"] = encoding;
    delete headers["content-length"];
  }
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body) return void res.end();
  if (!encoding) return writeReadableStreamToWritable(response.body, res);
  const compressor = compressStream(encoding);
  compressor.pipe(res);
  await writeReadableStreamToWritable(response.body, compressor);
}

export type AppServerOptions = {
  /** The Remix server build, or how to load it on each request (development, through Vite). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  /** The client build's folder, served from memory (production). */
  clientDir?: string;
  /** Runs first and calls `next` for what it does not answer (development: Vite's middlewares). */
  before?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  /** Addresses of the reverse proxies whose X-Forwarded-Proto and X-Forwarded-For are believed (TRUSTED_PROXIES). */
  trustedProxies?: readonly string[];
};

/** An IPv4 client seen on a dual-stack socket is written ::ffff:a.b.c.d. */
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/**
 * Who sent the request and over which scheme. Forwarding headers are taken
 * only from a listed proxy: from anyone else they are whatever the client
 * chose to write. The client is the nearest address in X-Forwarded-For that
 * is not itself a listed proxy (each proxy appends the address it saw).
 */
function requestOrigin(
  req: Pick<IncomingMessage, "headers" | "socket">,
  trustedProxies: ReadonlySet<string>,
): { https: boolean; clientAddress: string } {
  const remote = plainAddress(req.socket.remoteAddress ?? "unknown");
  const encrypted = "encrypted" in req.socket;
  if (!trustedProxies.has(remote)) return { https: encrypted, clientAddress: remote };
  const forwardedFor = [req.headers["x-forwarded-for"] ?? []]
    .flat()
    .flatMap((value) => value.split(","))
    .map((value) => plainAddress(value.trim()))
    .filter(Boolean);
  const client = forwardedFor.reverse().find((address) => !trustedProxies.has(address));
  return {
    // The proxy sets the header (README "Running in production"); a list is not believed.
    https: encrypted || req.headers["x-forwarded-proto"] === "https",
    clientAddress: client && isIP(client) ? client : remote,
  };
}

/**
 * Mamori's HTTP server, the same in production and development: Remix's
 * request handler on plain node:http, behind the checks every request
 * passes (method, Host, cross-site writes, body type and size) and the
 * security headers every response carries, and one log line per request
 * (log.server.ts). It does without Express and morgan, which cost most of
 * remix-serve's throughput.
 */
export function createAppServer({ build, mode, clientDir, before, trustedProxies = [] }: AppServerOptions): Server {
  const handle = createRequestHandler(build, mode);
  const proxies = new Set(trustedProxies.map(plainAddress));
  const files = clientDir ? loadClientFiles(clientDir) : new Map<string, StaticFile>();

  async function answer(req: IncomingMessage, res: ServerResponse) {
    const nonce = randomBytes(16).toString("base64");
    const { https, clientAddress } = requestOrigin(req, proxies);
    const headers = securityHeaders(nonce, { https });
    const refuse = (status: number, message: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        ...headers,
        ...extra,
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
      });
      res.end(message);
    };
    if (!ALLOWED_METHODS.has(req.method ?? "")) {
      return refuse(405, "この方法の要求は受け付けません。", { Allow: [...ALLOWED_METHODS].join(", ") });
    }
    const url = requestUrl(req, https ? "https" : "http");
    if (!url) return refuse(400, "要求の宛先（Host）が正しくありません。");
    // Remix's data requests before single fetch: Mamori's pages never make
    // them (they ask for `.data`), and Remix still answers them — with a 500
    // for a loader that returns null. Nothing legitimate is refused here.
    if (url.searchParams.has("_data")) return refuse(400, "この形式の要求には対応していません。");
    let tooLarge = false;
    try {
      const crossSite = isCrossSiteWrite(req.method ?? "GET", {
        origin: req.headers.origin,
        requestOrigin: url.origin,
        secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
      });
      if (crossSite) return refuse(403, "他のサイトからの送信は受け付けません。");
      if (req.method === "POST" && !isFormBody(req.headers["content-type"])) {
        return refuse(415, "フォームの送信だけを受け付けます。");
      }
      if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
        return refuse(413, "送信されたデータが大きすぎます。");
      }
      const context: AppLoadContext = { clientAddress, cspNonce: nonce };
      const response = await handle(
        toRequest(req, res, url, () => (tooLarge = true)),
        context,
      );
      // An action that read a body past the limit failed because of it, whatever it answered.
      if (tooLarge) return refuse(413, "送信されたデータが大きすぎます。");
      await sendResponse(req, res, response, headers);
    } catch (error) {
      if (tooLarge && !res.headersSent) return refuse(413, "送信されたデータが大きすぎます。");
      log.error({ err: error }, "request failed");
      if (!res.headersSent) return refuse(500, "Internal Server Error");
      res.end();
    }
  }

  return createServer((req, res) => {
    const started = performance.now();
    const context: RequestLogContext = { id: requestIdFor(req.headers["x-request-id"]) };
    res.setHeader("X-Request-Id", context.id);
    // The build's files, in development Vite's modules, and a load
    // balancer's healthy checks every few seconds are logged at debug level
    // only: they are many, and say nothing new.
    let reachedApp = false;
    res.on("close", () => {
      const url = req.url ?? "/";
      const query = url.indexOf("?");
      const pathname = query < 0 ? url : url.slice(0, query);
      const healthy = pathname === HEALTH_PATH && res.statusCode === 200;
      logRequest(
        context,
        {
          method: req.method ?? "?",
          pathname,
          status: res.statusCode,
          ms: performance.now() - started,
          aborted: !res.writableFinished,
        },
        { quiet: !reachedApp || healthy },
      );
    });
    runWithRequestContext(context, () => {
      if (serveStatic(files, req, res)) return;
      const toApp = () => {
        reachedApp = true;
        void answer(req, res);
      };
      if (before) before(req, res, toApp);
      else toApp();
    });
  });
}
