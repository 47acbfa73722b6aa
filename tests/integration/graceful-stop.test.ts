import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { Connection, type Outcome } from "./http-connection.ts";

/** The server of graceful-stop-server.ts, with what it prints. */
async function startServer() {
  const child = spawn("node_modules/.bin/tsx", ["tests/integration/graceful-stop-server.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const printed = async (text: string) => {
    for (let i = 0; i < 400 && !output.includes(text); i++) await new Promise((r) => setTimeout(r, 25));
    if (!output.includes(text)) throw new Error(`the server did not print "${text}": ${output}`);
  };
  await printed("listening on ");
  return { child, exited, printed, port: Number(/listening on (\d+)/.exec(output)![1]) };
}

async function connection(port: number): Promise<Connection> {
  const opened = await Connection.open(port);
  if (!(opened instanceof Connection)) throw new Error(`could not connect: ${JSON.stringify(opened)}`);
  return opened;
}

const answeredAndClosed = {
  kind: "answered",
  head: expect.stringMatching(/^HTTP\/1\.1 200[^]*\r\nConnection: close$/im),
};

it("a stop answers what reaches kept-alive connections while the server is busy, and refuses new connections", async () => {
  const { child, exited, printed, port } = await startServer();
  try {
    // Browsers' connections, kept alive after an answer each.
    const kept = await Promise.all(Array.from({ length: 10 }, () => connection(port)));
    for (const c of kept) expect(await c.get("/")).toMatchObject({ kind: "answered" });

    child.kill("SIGTERM");
    await printed("stopping");
    await new Promise((r) => setTimeout(r, 50));
    expect(await Connection.open(port)).toEqual({ kind: "refused" });

    // One of them asks for something long; the others' next requests arrive
    // while it holds the server, past the moment a sweep of idle connections
    // would come.
    const [busy, ...others] = kept;
    const long = busy!.get("/hold?ms=2500");
    await new Promise((r) => setTimeout(r, 300));
    const outcomes: Promise<Outcome>[] = others.map((c) => c.get("/"));

    expect(await long).toEqual(answeredAndClosed);
    for (const outcome of await Promise.all(outcomes)) expect(outcome).toEqual(answeredAndClosed);
    expect(await exited).toBe(0);
  } finally {
    child.kill("SIGKILL");
  }
});
