import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { run, runTsx } from "./cli.ts";

type Db = InstanceType<typeof Database>;

/** Tables, columns, foreign keys and indexes, in a form that ignores SQL spelling. */
function structure(db: Db) {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      {
        // By name: a column added by a later migration sits last in the table.
        columns: (db.prepare(`PRAGMA table_info("${table}")`).all() as { cid: number; name: string }[])
          .map(({ cid: _cid, ...column }) => column)
          .sort((a, b) => a.name.localeCompare(b.name)),
        foreignKeys: db.prepare(`PRAGMA foreign_key_list("${table}")`).all(),
        indexes: (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[])
          .map((index) => ({
            name: index.name,
            unique: index.unique,
            // Column names, not cids: a column added later has a later cid.
            columns: (db.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string }[]).map((c) => c.name),
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
    ]),
  );
}

describe("migrations", () => {
  it("build exactly the database that schema.prisma describes", async () => {
    const fromMigrations = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
    const fromSchema = new Database(":memory:");
    const { stdout: sql } = await run("npx", [
      "prisma",
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ]);
    fromSchema.exec(sql);
    expect(structure(fromMigrations)).toEqual(structure(fromSchema));
  });
});

/**
 * The last migration of Mamori's first release (2026-11-25): a city that
 * installed it upgrades through every migration since.
 */
const PREVIOUS_RELEASE = "20261125222427_drop_answer_lookup_indexes";

/** An SQLite file built by `prisma migrate deploy` from the migrations up to `last` only. */
async function databaseOfRelease(last: string): Promise<string> {
  const dir = resolve(`tests/.tmp/release-${randomUUID()}`);
  mkdirSync(`${dir}/migrations`, { recursive: true });
  for (const name of readdirSync("prisma/migrations")) {
    if (name === "migration_lock.toml" || name <= last)
      cpSync(`prisma/migrations/${name}`, `${dir}/migrations/${name}`, { recursive: true });
  }
  // Paths in a Prisma config are its own folder's: absolute ones here.
  writeFileSync(
    `${dir}/prisma.config.ts`,
    `import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: ${JSON.stringify(resolve("prisma/schema.prisma"))},
  migrations: { path: ${JSON.stringify(`${dir}/migrations`)} },
  adapter: async () => new PrismaBetterSQLite3({ url: ${JSON.stringify(`file:${dir}/mamori.db`)} }),
});
`,
  );
  const deploy = await run("npx", ["prisma", "migrate", "deploy", "--config", `${dir}/prisma.config.ts`]);
  expect(deploy.status, deploy.stderr).toBe(0);
  return `${dir}/mamori.db`;
}

/**
 * A city's year on the first release, whose organisations were those of
 * content/city.yaml: staff, content, assignments, attempts, answers,
 * pledges, certificates.
 */
const LEARNER_DATA = `
INSERT INTO "EmployeeType" ("code", "name", "sortOrder", "hasAppointmentPeriod") VALUES ('regular', '常勤職員', 0, false);
INSERT INTO "Organisation" ("id", "name", "sortOrder") VALUES ('mayor', '市長部局', 0);
INSERT INTO "Section" ("id", "organisationId", "name") VALUES (1, 'mayor', '情報政策課');
INSERT INTO "ContentRelease" ("id", "hash", "policyRevised", "createdAt") VALUES (1, 'first-edition', '2026-04-01', 1764028800000);
INSERT INTO "ContentChange" ("id", "releaseId", "kind", "key", "change", "clauseIds") VALUES (1, 1, 'clause', '4', 'added', '["4"]');
INSERT INTO "Clause" ("id", "heading", "text", "sortOrder", "hash", "releaseId", "retired") VALUES ('4', '職員等の義務', '職員等は、ポリシーを遵守しなければならない。', 0, 'c4', 1, false);
INSERT INTO "TrainingModule" ("slug", "title", "summary", "audience", "minutes", "body", "clauseIds", "sortOrder", "hash", "releaseId", "retired")
  VALUES ('duty', '職員等の義務', '義務について', 'all', 7, '## 義務', '["4"]', 0, 'm1', 1, false);
INSERT INTO "Question" ("id", "moduleSlug", "type", "prompt", "choices", "answer", "explanation", "clauseId", "sortOrder", "hash", "releaseId", "retired")
  VALUES ('duty-01', 'duty', 'single', '職員等の義務は？', '[{"id":"a","text":"遵守"}]', '["a"]', '基本方針4', '4', 0, 'q1', 1, false);
INSERT INTO "Track" ("id", "name", "definition", "sortOrder", "hash", "releaseId", "retired") VALUES ('onboarding', '新任者研修', '{"id":"onboarding"}', 0, 't1', 1, false);
INSERT INTO "Staff" ("id", "employeeNumber", "name", "nameKana", "organisationId", "sectionId", "employeeTypeCode", "role", "startDate", "active", "sessionVersion", "failedLogins", "createdAt", "updatedAt", "email")
  VALUES (1, '100001', '情報 太郎', 'ジョウホウ タロウ', 'mayor', 1, 'regular', 'ADMIN', '2020-04-01', true, 3, 0, 1764028800000, 1764028800000, 'taro@example.lg.jp'),
         (2, '100002', '研修 花子', 'ケンシュウ ハナコ', 'mayor', NULL, 'regular', 'LEARNER', '2026-04-01', true, 0, 2, 1764028800000, 1764028800000, NULL),
         (3, '100003', '退職 次郎', 'タイショク ジロウ', 'mayor', NULL, 'regular', 'LEARNER', '2019-04-01', false, 1, 0, 1764028800000, 1764028800000, NULL);
INSERT INTO "Password" ("staffId", "hash", "mustChange", "updatedAt") VALUES (1, '$2a$04$abcdefghijklmnopqrstuu', false, 1764028800000);
INSERT INTO "Assignment" ("id", "staffId", "trackId", "cycleKey", "fiscalYear", "dueDate", "createdAt", "startedAt", "completedAt", "completedReleaseId", "certificateCode", "moduleSlugs")
  VALUES (1, 2, 'onboarding', 'once', 2026, '2026-05-01', 1764028800000, 1764028900000, 1764029000000, 1, 'CERT-0001', NULL),
         (2, 1, 'onboarding', 'once', 2026, '2026-05-01', 1764028800000, 1764028900000, NULL, NULL, NULL, NULL),
         (3, 2, 'onboarding', 'delta-1', 2026, '2026-12-01', 1764028800000, NULL, NULL, NULL, NULL, '["duty"]');
INSERT INTO "ModuleReading" ("id", "assignmentId", "moduleSlug", "releaseId", "readAt") VALUES (1, 1, 'duty', 1, 1764028950000), (2, 2, 'duty', 1, 1764028950000);
INSERT INTO "QuizAttempt" ("id", "assignmentId", "staffId", "releaseId", "draw", "responses", "passPercent", "total", "openFor", "startedAt", "submittedAt", "correct", "percent", "passed")
  VALUES (1, 1, 2, 1, '[{"questionId":"duty-01"}]', '{"duty-01":["a"]}', 80, 1, NULL, 1764028960000, 1764028970000, 1, 100, true),
         (2, 2, 1, 1, '[{"questionId":"duty-01"}]', '{}', 80, 1, 2, 1764028960000, NULL, NULL, NULL, NULL);
INSERT INTO "AttemptAnswer" ("id", "attemptId", "questionId", "clauseId", "correct", "chosen") VALUES (1, 1, 'duty-01', '4', true, '["a"]');
INSERT INTO "AnswerTally" ("fiscalYear", "trackId", "organisationId", "employeeTypeCode", "questionId", "clauseId", "answered", "correct")
  VALUES (2026, 'onboarding', 'mayor', 'regular', 'duty-01', '4', 1, 1);
INSERT INTO "Pledge" ("id", "assignmentId", "staffId", "releaseId", "text", "signedAt") VALUES (1, 1, 2, 1, '私はポリシーを遵守します。', 1764028990000);
INSERT INTO "Reminder" ("id", "staffId", "day", "sentAt", "channel") VALUES (1, 1, '2026-05-02', 1764029100000, 'mail');
INSERT INTO "AuditLog" ("id", "at", "actorId", "action", "targetType", "targetId", "detail", "address")
  VALUES (1, 1764028800000, 1, 'staff.create', 'staff', '2', '{"name":"研修 花子"}', '203.0.113.7');
INSERT INTO "LoginThrottle" ("address", "windowStart", "attempts") VALUES ('203.0.113.8', 1764028800000, 2);
INSERT INTO "StaffImportDraft" ("id", "createdBy", "createdAt", "fileName", "text", "encoding")
  VALUES ('draft-1', 1, 1764028800000, 'staff.csv', '職員番号,氏名', 'utf-8');
`;

/** Every row of every table, as each column of `columns` holds it, in a stable order. */
function rowsOf(db: Db, columns: Record<string, string[]>) {
  return Object.fromEntries(
    Object.entries(columns).map(([table, names]) => {
      const list = names.map((n) => `"${n}"`).join(", ");
      return [table, db.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${list}`).all()];
    }),
  );
}

describe("an upgrade", () => {
  it("keeps every row of a database built by the previous release's migrations and filled by its learners", async () => {
    const file = await databaseOfRelease(PREVIOUS_RELEASE);
    const before = new Database(file);
    before.exec(LEARNER_DATA);
    const columns = Object.fromEntries(
      Object.keys(structure(before)).map((table) => [
        table,
        (before.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name),
      ]),
    );
    const kept = rowsOf(before, columns);
    before.close();
    expect(Object.values(kept).every((rows) => rows.length > 0)).toBe(true);

    // What npm start runs: the current migrations, base data and content.
    const setup = await runTsx("app/cli/db-setup.ts", [], { ...process.env, DATABASE_URL: `file:${file}` });
    expect(setup.status, setup.stderr).toBe(0);

    const after = new Database(file, { readonly: true });
    const now = rowsOf(after, columns);
    const applied = after.prepare("SELECT migration_name FROM _prisma_migrations ORDER BY 1").pluck().all();
    after.close();
    expect(applied).toEqual(readdirSync("prisma/migrations").filter((name) => name !== "migration_lock.toml"));
    for (const [table, rows] of Object.entries(kept)) {
      // Setup adds base data, the city's settings and its own audit entries beside them.
      expect(now[table], table).toEqual(expect.arrayContaining(rows));
    }
    // The learners' own records are exactly as they were.
    for (const table of [
      "Staff",
      "Password",
      "Assignment",
      "ModuleReading",
      "QuizAttempt",
      "AttemptAnswer",
      "AnswerTally",
      "Pledge",
      "Reminder",
    ]) {
      expect(now[table], table).toEqual(kept[table]);
    }
  }, 180_000);
});
