import { randomUUID } from "node:crypto";
import pg from "pg";
import { TEMPLATE, withDatabase } from "./global-setup.ts";

// Runs before each test file: its own database, copied from the template,
// opened by the app's client through DATABASE_URL.
const server = process.env.MAMORI_POSTGRES_SERVER ?? process.env.DATABASE_URL!;
const database = `mamori_test_${randomUUID().replace(/-/g, "")}`;
const admin = new pg.Client({ connectionString: withDatabase(server, "postgres") });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${TEMPLATE}"`);
await admin.end();

process.env.DATABASE_URL = withDatabase(server, database);
process.env.BCRYPT_COST = "4";
process.env.SESSION_SECRET = "integration-test-secret-of-32-characters-or-more";
process.env.MAMORI_TODAY = "2026-11-25";
process.env.REMINDER_OUTBOX = `tests/.tmp/outbox-${randomUUID()}`;
