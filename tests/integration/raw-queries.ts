import { db } from "~/lib/db.server.ts";
import { reads } from "~/lib/sql-read.server.ts";

/**
 * Counts the raw queries issued while it is installed: through Prisma, and
 * on the read connection of the learner pages (sql-read.server.ts).
 * vi.spyOn cannot wrap the Prisma client's methods: the client is a Proxy
 * whose properties report no value, so the spy would call through to undefined.
 */
export function countRawQueries() {
  const original = db.$queryRaw;
  const originalRows = reads.rows;
  const counter = {
    calls: 0,
    restore: () => {
      db.$queryRaw = original;
      reads.rows = originalRows;
    },
  };
  // On PostgreSQL the read connection is Prisma itself: count that query once.
  let inRead = false;
  db.$queryRaw = ((...args: Parameters<typeof original>) => {
    if (!inRead) counter.calls++;
    return original.apply(db, args);
  }) as typeof original;
  reads.rows = ((query) => {
    counter.calls++;
    inRead = true;
    try {
      // Prisma's query is made synchronously, before the first await.
      return originalRows.call(reads, query);
    } finally {
      inRead = false;
    }
  }) as typeof originalRows;
  return counter;
}
