import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { refuseNewerDatabase } from "~/lib/migration-check.server.ts";
import { runTsx } from "./cli.ts";
import { contentEdition } from "./content-copy.ts";

const NEWER = "20991231000000_from_a_newer_release";

describe("a database migrated by a newer release", () => {
  it("lets the current code start on a database it migrated itself", async () => {
    await expect(refuseNewerDatabase(process.env.DATABASE_URL!)).resolves.toBeUndefined();
  });

  it("stops db:setup and the server with a sentence naming the migration, and leaves the database alone", async () => {
    await db.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ('newer', 'newer', '${NEWER}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)`,
    );
    const releases = await db.contentRelease.findMany({ select: { id: true } });

    // Another content edition than the database's: without the refusal, db:setup would publish it.
    const older = contentEdition("古い版にだけある一文。");
    const setup = await runTsx("app/cli/db-setup.ts", [], { ...process.env, CONTENT_DIR: older });
    expect(setup.status).toBe(1);
    expect(setup.stderr).toContain(`migration ${NEWER} is unknown to this one`);
    expect(setup.stderr).toContain("Run the newer release, or restore the backup taken before the upgrade");
    expect(await db.contentRelease.findMany({ select: { id: true } })).toEqual(releases);

    // The server runs the same check before it opens the database.
    await expect(refuseNewerDatabase(process.env.DATABASE_URL!)).rejects.toThrow(`migration ${NEWER} is unknown`);
  });
});
