import { db } from "~/lib/db.server.ts";

/** The write probe runs at most this often, however often /healthz is asked. */
export const PROBE_EVERY_MS = 5_000;
/** A write the app saw fail keeps /healthz at 503 this long after it. */
export const WRITE_ERROR_WINDOW_MS = 30_000;
/** A probe slower than this counts as failed: learners are waiting as long. */
export const PROBE_TIMEOUT_MS = 3_000;

/** The content release learners are given: the newest published one. */
export type ContentReleaseLabel = { id: number; hash: string; publishedAt: string } | null;

export type Health = {
  /** True while the database accepts writes. */
  ok: boolean;
  /** "ok", or why writes fail, in one sentence fit for a load balancer's log (no addresses, no secrets). */
  database: string;
  contentRelease: ContentReleaseLabel;
};

type Check = { at: number; done: boolean; result: Promise<{ failure: string | null; release: ContentReleaseLabel }> };

let lastCheck: Check | undefined;
let lastWriteError: { at: number; reason: string } | undefined;

/**
 * Why an error means the database cannot take writes, or null for any
 * other error (a broken rule, a conflict, a bug). Reads the codes and
 * messages of SQLite, PostgreSQL and the Prisma errors around them.
 */
export function writeFailureReason(error: unknown): string | null {
  const text = describe(error, 0);
  if (/SQLITE_FULL|database or disk is full|\b53100\b|could not extend file|No space left on device|ENOSPC/i.test(text))
    return "the database's disk is full";
  if (/SQLITE_READONLY|readonly database|\b25006\b|read-only transaction|EROFS/i.test(text))
    return "the database is read-only";
  if (/SQLITE_IOERR|disk I\/O error|\b58030\b/i.test(text)) return "the database's disk reports I/O errors";
  if (/SQLITE_CANTOPEN|unable to open database file/i.test(text)) return "the database file cannot be opened";
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|Can't reach database server|\b57P0[123]\b|\b08\d{3}\b/i.test(text))
    return "the database cannot be reached";
  return null;
}

/** The codes and messages of an error and of what it wraps, as one string to match. */
function describe(value: unknown, depth: number): string {
  if (depth > 4 || value === null || typeof value !== "object") return typeof value === "string" ? value : "";
  const parts: string[] = [];
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (typeof field === "string" && /message|code|kind/i.test(key)) parts.push(field);
    else if (typeof field === "object") parts.push(describe(field, depth + 1));
  }
  if (value instanceof Error) parts.push(value.message, describe(value.cause, depth + 1));
  return parts.join(" ");
}

/** Remembers a failed write the app met, for /healthz. Other errors are ignored. */
export function noteDatabaseError(error: unknown, now = Date.now()): void {
  const reason = writeFailureReason(error);
  if (reason) lastWriteError = { at: now, reason };
}

/** Rewrites the one probe row in a transaction of its own; null when it worked. */
async function probe(now: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`the database did not answer within ${PROBE_TIMEOUT_MS / 1000} s`),
      PROBE_TIMEOUT_MS,
    );
  });
  const write = db.healthProbe
    .upsert({ where: { id: 1 }, create: { id: 1, probedAt: new Date(now) }, update: { probedAt: new Date(now) } })
    .then(
      () => null,
      (error: unknown) => writeFailureReason(error) ?? "the database refused a write",
    );
  try {
    return await Promise.race([write, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The newest published content release, or null before the first (or when the database cannot say). */
export async function publishedRelease(): Promise<ContentReleaseLabel> {
  const release = await db.contentRelease
    .findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true, createdAt: true } })
    .catch(() => null);
  return release && { id: release.id, hash: release.hash.slice(0, 12), publishedAt: release.createdAt.toISOString() };
}

/**
 * Whether the database accepts writes: a write probe (at most once every
 * PROBE_EVERY_MS; callers in between share its answer, and a slow probe is
 * never doubled) and the last failed write the app met, within
 * WRITE_ERROR_WINDOW_MS. Either failing makes the answer not ok; both
 * clear by themselves once writes work again.
 */
export async function checkHealth(now = Date.now()): Promise<Health> {
  if (!lastCheck || (lastCheck.done && now - lastCheck.at >= PROBE_EVERY_MS)) {
    const check: Check = {
      at: now,
      done: false,
      result: Promise.all([probe(now), publishedRelease()]).then(([failure, release]) => ({ failure, release })),
    };
    void check.result.finally(() => (check.done = true));
    lastCheck = check;
  }
  const { failure, release } = await lastCheck.result;
  const recentError = lastWriteError && now - lastWriteError.at < WRITE_ERROR_WINDOW_MS ? lastWriteError.reason : null;
  const problem = failure ?? recentError;
  return { ok: problem === null, database: problem ?? "ok", contentRelease: release };
}
