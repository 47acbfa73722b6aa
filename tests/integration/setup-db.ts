import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterEach } from "vitest";

// Runs before each test file is imported, so the app's one database client
// (app/lib/db.server.ts) opens this file's private copy of the template.
const file = `tests/.tmp/${randomUUID()}.db`;
copyFileSync("tests/.tmp/template.db", file);
process.env.DATABASE_URL = `file:./${file}`;
process.env.BCRYPT_COST = "4";
process.env.SESSION_SECRET = "integration-test-secret-of-32-characters-or-more";
// Due dates and 期限超過 depend on the day: pin it so results never drift.
process.env.MAMORI_TODAY = "2026-11-25";
process.env.REMINDER_OUTBOX = `tests/.tmp/outbox-${randomUUID()}`;

// Give the event loop a turn after every test. On SQLite every query
// resolves without I/O (Prisma's better-sqlite3 adapter is synchronous),
// so a file of database-heavy tests is one long chain of promises: the
// worker never reads vitest's replies to its progress reports, and after
// 60 s (birpc's fixed timeout) vitest fails the run with "Timeout calling
// onTaskUpdate" although every test passed.
afterEach(() => new Promise((resolve) => setImmediate(resolve)));
