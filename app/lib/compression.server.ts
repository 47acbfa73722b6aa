import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from "node:zlib";

/**
 * Compression of what the server sends: pages, data and the client build.
 * Inside LGWAN many offices share thin lines, and the learner JavaScript
 * budget is counted as it travels.
 */
export type Encoding = "br" | "gzip";

/** Text worth compressing; images and fonts are compressed already. */
export function compressible(contentType: string | string[] | undefined): boolean {
  const type = String(contentType ?? "")
    .split(";")[0]!
    .trim()
    .toLowerCase();
  return type.startsWith("text/") || type === "application/json" || type === "image/svg+xml";
}

/**
 * The encoding to answer with: the first of `offered` (in the server's order
 * of preference) that the Accept-Encoding header accepts with a non-zero
 * q-value; null for none.
 */
export function chooseEncoding(acceptEncoding: string | undefined, offered: readonly string[]): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const quality = (name: string) => accepted.get(name) ?? accepted.get("*") ?? 0;
  return (["br", "gzip"] as const).find((encoding) => offered.includes(encoding) && quality(encoding) > 0) ?? null;
}

/** Files smaller than this travel as they are: compressing them gains nothing. */
const MIN_PRECOMPRESS_BYTES = 1024;

/**
 * A client-build file compressed once, at the highest settings, for every
 * later request: `npm run build` writes these beside each file as .br and
 * .gz (brotli at its best takes seconds for the build, too long for every
 * start-up).
 */
export function precompress(body: Buffer): Partial<Record<Encoding, Buffer>> {
  if (body.length < MIN_PRECOMPRESS_BYTES) return {};
  return {
    br: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

/** The file name extension of a precompressed sibling. */
export const PRECOMPRESSED_EXTENSION: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

/**
 * A compressing stream for a response made per request. Brotli at quality
 * 4 costs about what gzip does and saves more; every write is flushed so
 * that a streamed page still arrives in pieces.
 */
export function compressStream(encoding: Encoding) {
  return encoding === "br"
    ? createBrotliCompress({
        flush: constants.BROTLI_OPERATION_FLUSH,
        params: { [constants.BROTLI_PARAM_QUALITY]: 4 },
      })
    : createGzip({ flush: constants.Z_SYNC_FLUSH, level: 6 });
}

/** Content types of the client build's files, by extension. */
export const CONTENT_TYPES: Record<string, string> = {
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
