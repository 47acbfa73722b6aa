import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";

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
