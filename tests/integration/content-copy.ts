import { randomUUID } from "node:crypto";
import { appendFileSync, cpSync } from "node:fs";

/**
 * A copy of content/ with one sentence added to a module's lesson: a
 * content edition other than the one the test database was built from.
 */
export function contentEdition(sentence: string, module = "modules/duty.md"): string {
  const dir = `tests/.tmp/content-${randomUUID()}`;
  cpSync("content", dir, { recursive: true });
  appendFileSync(`${dir}/${module}`, `\n${sentence}\n`);
  return dir;
}
