import Database from "better-sqlite3";

/**
 * Why better-sqlite3's compiled part cannot be loaded, as one sentence for
 * the operator, or null when it loads. It is compiled on `npm ci` for the
 * Node.js of that moment: a node_modules copied from another machine, an
 * install whose compilation failed or a Node.js upgraded since all end
 * here, and Prisma would report them only as "External error id#0".
 */
export function sqliteBindingProblem(): string | null {
  try {
    new Database(":memory:").close();
    return null;
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0]!.replace(/\.$/, "");
    return (
      `Mamori cannot open its SQLite database because the native module better-sqlite3 is missing ` +
      `or was built for another Node.js (${reason}): run npm rebuild better-sqlite3 in Mamori's folder, then start again.`
    );
  }
}

/** Stops the process with that sentence, before anything else fails less clearly. */
export function exitUnlessSqliteLoads(): void {
  const problem = sqliteBindingProblem();
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
