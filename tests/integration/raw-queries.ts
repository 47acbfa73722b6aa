import { db } from "~/lib/db.server.ts";

/**
 * Counts the raw queries issued while it is installed. vi.spyOn cannot wrap
 * the Prisma client's methods: the client is a Proxy whose properties report
 * no value, so the spy would call through to undefined.
 */
export function countRawQueries() {
  const original = db.$queryRaw;
  const counter = {
    calls: 0,
    restore: () => {
      db.$queryRaw = original;
    },
  };
  db.$queryRaw = ((...args: Parameters<typeof original>) => {
    counter.calls++;
    return original.apply(db, args);
  }) as typeof original;
  return counter;
}
