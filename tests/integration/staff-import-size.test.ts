import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_LISTED_PROBLEMS } from "~/domain/staff-csv.ts";
import { action as importAction } from "~/routes/staff.import.tsx";
import { runTsx } from "./cli.ts";
import { createStaff } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

/** The upload limit of /staff/import. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const HEADER = "職員番号,氏名,氏名カナ,所属,課,任用形態,役割,採用日,任用開始日,任用終了日,在職\r\n";

/**
 * A file of the largest size accepted, every row wrong in three columns:
 * an unknown 所属 and 任用形態 (each message lists every known one) and a
 * date that is not one. A million such rows ran the server out of memory.
 */
function invalidFile(): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const parts: string[] = [HEADER];
  let bytes = encoder.encode(HEADER).length;
  for (let n = 1_000_000; ; n++) {
    const row = `${n},名前,,不明な所属,,不明な任用形態,,不明,,,1\r\n`;
    const size = encoder.encode(row).length;
    if (bytes + size > MAX_UPLOAD_BYTES) break;
    parts.push(row);
    bytes += size;
  }
  return encoder.encode(parts.join(""));
}

/** A prefecture's staff, 100,000 valid rows. */
function validFile(rows: number): string {
  const parts: string[] = [HEADER];
  for (let n = 0; n < rows; n++) parts.push(`Z${n},職員 ${n},,市長部局,市民課,常勤職員,職員,2020/4/1,,,1\r\n`);
  return parts.join("");
}

const written: string[] = [];
afterAll(async () => {
  const { rmSync } = await import("node:fs");
  for (const path of written) rmSync(path, { force: true });
});

function tempFile(contents: Uint8Array | string): string {
  const path = `tests/.tmp/staff-${randomUUID()}.csv`;
  writeFileSync(path, contents);
  written.push(path);
  return path;
}

/**
 * The request with its body in 64 KB pieces, as it comes off the network:
 * the multipart parser recurses once per piece it is fed in one go.
 */
function inChunks(request: Request): Request {
  const body = request.body!;
  const chunked = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        for (let at = 0; at < chunk.length; at += 65_536) controller.enqueue(chunk.subarray(at, at + 65_536));
      },
    }),
  );
  return new Request(request.url, {
    method: "POST",
    headers: request.headers,
    body: chunked,
    duplex: "half",
  } as RequestInit);
}

/** The staff:import CLI as its npm script runs it: a 256 MB heap, like the production server's. */
const staffImport = (...args: string[]) =>
  runTsx("app/cli/staff-import.ts", args, { ...process.env, NODE_OPTIONS: "--max-old-space-size=256" });

describe("a staff CSV of the largest accepted size", () => {
  const file = invalidFile();

  it("is refused through the upload with the first problems and their count, in a small page, without holding the server", async () => {
    const hr = await createStaff({ role: "HR" });
    const form = new FormData();
    form.append("file", new File([file], "huge.csv", { type: "text/csv" }));
    const request = inChunks(await requestAs(hr, "/staff/import", { form }));

    const delay = monitorEventLoopDelay({ resolution: 10 });
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    delay.enable();
    const started = performance.now();
    const response = await call(importAction as never, request);
    const took = performance.now() - started;
    delay.disable();
    clearInterval(sampler);

    expect(response.status).toBe(400);
    const body = await response.text();
    const { problems, message } = JSON.parse(body) as { problems: { line: number }[]; message: string };
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(problems[0]!.line).toBe(2);
    expect(message).toMatch(/最初の100件を表示しています（ほか [\d,]+ 件）/);
    // A page of a hundred problems, where all of them made 40 MB.
    expect(body.length).toBeLessThan(100_000);
    // Other requests are served in between: no stretch of the event loop longer than this. What
    // remains of it is the garbage collector's pauses over the test worker's heap; the file read
    // in one piece held the loop for many seconds.
    expect(delay.max / 1e6).toBeLessThan(500);
    expect(peak - baseline).toBeLessThan(200 * 1024 * 1024);
    expect(took).toBeLessThan(60_000);
  });

  it("is refused by npm run staff:import within a 256 MB heap, listing the first problems and the count", async () => {
    const { status, stdout, stderr } = await staffImport(tempFile(file), "--dry-run");
    expect(stderr).not.toMatch(/heap out of memory/);
    expect(status).toBe(1);
    expect(stderr.split("\n").filter((line) => /huge|staff-.*\.csv:\d+/.test(line))).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(stderr).toMatch(/… and \d+ more/);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!).errors).toBeGreaterThan(100_000);
  });

  it("previews 100,000 valid rows within a 256 MB heap", async () => {
    const { status, stdout, stderr } = await staffImport(tempFile(validFile(100_000)), "--dry-run");
    expect(stderr).not.toMatch(/heap out of memory/);
    expect(status).toBe(0);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toMatchObject({ dryRun: true, created: 100_000, errors: 0 });
  });
});
