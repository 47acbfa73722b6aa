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
import { extname, join, relative, sep } from "node:path";
import { Transform } from "node:stream";
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

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".csv": "text/csv; charset=utf-8",
};

type StaticFile = { body: Buffer; headers: Record<string, string | number> };

/**
 * The client build's files by URL path, read once at startup: the build
 * does not change under a running server (about 1 MB), and answering from
 * memory skips a stat, an open, a read and a close per request. Files
 * under /assets/ carry a content hash in their name, so browsers may keep
 * them for a year.
 */
function loadClientFiles(clientDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(clientDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const pathname = `/${relative(clientDir, path).split(sep).join("/")}`;
    const body = readFileSync(path);
    files.set(pathname, {
      body,
      headers: {
        "Content-Type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": pathname.startsWith("/assets/")
          ? "public, max-age=31536000, immutable"
          : "public, max-age=3600",
        "X-Content-Type-Options": "nosniff",
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
  res.writeHead(200, file.headers);
  res.end(req.method === "HEAD" ? undefined : file.body);
  return true;
}

/** Largest request body accepted: forms are small; the staff CSV upload has its own limit inside. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

class BodyTooLarge extends Error {}

/** Passes the body through, failing once it grows past MAX_BODY_BYTES (chunked uploads have no Content-Length). */
function limited(req: IncomingMessage) {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > MAX_BODY_BYTES ? new BodyTooLarge() : null, chunk);
    },
  });
  req.on("error", (error) => limiter.destroy(error));
  return req.pipe(limiter);
}

function toRequest(req: IncomingMessage, res: ServerResponse): Request {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
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
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(limited(req));
    init.duplex = "half";
  }
  return new Request(url, init);
}

async function sendResponse(res: ServerResponse, response: Response, extra: Record<string, string>): Promise<void> {
  const headers: Record<string, string | string[]> = { ...extra };
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, response.statusText, headers);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * Mamori's production HTTP server: Remix's request handler on plain
 * node:http, plus the client build's static files. It does without Express
 * and per-request logging, which cost most of remix-serve's throughput.
 */
export function createAppServer({ build, clientDir }: { build: ServerBuild; clientDir: string }): Server {
  const handle = createRequestHandler(build, "production");
  const files = loadClientFiles(clientDir);
  return createServer(async (req, res) => {
    if (serveStatic(files, req, res)) return;
    const nonce = randomBytes(16).toString("base64");
    const https = req.headers["x-forwarded-proto"] === "https" || "encrypted" in req.socket;
    const headers = securityHeaders(nonce, { https });
    const refuse = (status: number, message: string) => {
      res.writeHead(status, { ...headers, "Content-Type": "text/plain; charset=utf-8" });
      res.end(message);
    };
    try {
      const crossSite = isCrossSiteWrite(req.method ?? "GET", {
        origin: req.headers.origin,
        host: req.headers.host,
        secFetchSite: req.headers["sec-fetch-site"] as string | undefined,
      });
      if (crossSite) return refuse(403, "他のサイトからの送信は受け付けません。");
      if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES)
        return refuse(413, "送信されたデータが大きすぎます。");
      const context: AppLoadContext = { clientAddress: req.socket.remoteAddress ?? "unknown", cspNonce: nonce };
      await sendResponse(res, await handle(toRequest(req, res), context), headers);
    } catch (error) {
      if (error instanceof BodyTooLarge || (error as { cause?: unknown }).cause instanceof BodyTooLarge) {
        if (!res.headersSent) return refuse(413, "送信されたデータが大きすぎます。");
      }
      console.error(error);
      if (!res.headersSent) return refuse(500, "Internal Server Error");
      res.end();
    }
  });
}
