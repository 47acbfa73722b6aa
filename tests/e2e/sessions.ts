import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import { recordSecret } from "./secrets.ts";

const instant = (date: Date) => date.toISOString().replace("Z", "+00:00");

/**
 * A signed-in session for a person, made as a successful login makes it (a
 * Session row holding the token's SHA-256, app/lib/session-store.server.ts),
 * so that only the login tests type passwords. Returns the cookie's value.
 */
export async function sessionCookieValue(databaseFile: string, staffId: number, secret: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const db = new Database(databaseFile);
  try {
    const { sessionVersion } = db.prepare("SELECT sessionVersion FROM Staff WHERE id = ?").get(staffId) as {
      sessionVersion: number;
    };
    db.prepare(
      `INSERT INTO Session (tokenHash, staffId, sessionVersion, createdAt, lastSeenAt, expiresAt, address)
       VALUES (?, ?, ?, ?, ?, ?, '127.0.0.1')`,
    ).run(
      createHash("sha256").update(token).digest("hex"),
      staffId,
      sessionVersion,
      instant(now),
      instant(now),
      instant(new Date(now.getTime() + 12 * 3600_000)),
    );
  } finally {
    db.close();
  }
  const header = await createCookie("__mamori", { secrets: [secret] }).serialize(token);
  const value = header.split(";")[0]!.slice("__mamori=".length);
  recordSecret(token);
  recordSecret(value);
  return value;
}
