import { connect, type Socket } from "node:net";

/**
 * What became of one GET sent on a raw connection: answered (with the
 * response's head), refused, closed by the server before it was sent (a
 * client then opens a new connection), or cut off after it was sent — the
 * one a client cannot tell from a lost request.
 */
export type Outcome =
  | { kind: "answered"; head: string }
  | { kind: "refused" }
  | { kind: "closed before sending" }
  | { kind: "cut off after sending"; error: string };

/** A client's connection, reading one response at a time. */
export class Connection {
  private received = "";
  private closed = false;
  private waiting: ((outcome: Outcome) => void) | null = null;
  private constructor(
    private readonly socket: Socket,
    private readonly port: number,
  ) {
    socket.on("data", (chunk: Buffer) => {
      this.received += chunk.toString("latin1");
      this.settle();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => this.finish(error.code ?? error.message));
    socket.on("close", () => this.finish("closed without an answer"));
  }

  /** Connects, or says the connection was refused. */
  static open(port: number): Promise<Connection | Outcome> {
    return new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => resolve(new Connection(socket, port)));
      socket.once("error", (error: NodeJS.ErrnoException) =>
        resolve(
          error.code === "ECONNREFUSED"
            ? { kind: "refused" }
            : { kind: "cut off after sending", error: String(error.code) },
        ),
      );
    });
  }

  /** Sends a GET on this connection, kept alive unless the server says otherwise. */
  get(path = "/healthz"): Promise<Outcome> {
    if (this.closed) return Promise.resolve({ kind: "closed before sending" });
    this.received = "";
    const outcome = new Promise<Outcome>((resolve) => (this.waiting = resolve));
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\nConnection: keep-alive\r\n\r\n`);
    return outcome;
  }

  close() {
    this.socket.destroy();
  }

  private settle() {
    const end = this.received.indexOf("\r\n\r\n");
    if (end < 0 || !this.waiting) return;
    const head = this.received.slice(0, end);
    const body = this.received.slice(end + 4);
    const length = /^content-length: *(\d+)/im.exec(head)?.[1];
    const complete = length === undefined ? body.endsWith("0\r\n\r\n") : body.length >= Number(length);
    if (!complete) return;
    this.waiting({ kind: "answered", head });
    this.waiting = null;
  }

  private finish(error: string) {
    this.closed = true;
    this.waiting?.({ kind: "cut off after sending", error });
    this.waiting = null;
  }
}
