import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * The command line of an npm script, parsed strictly by node:util: an
 * unknown option or a missing value prints the usage and exits with 2
 * instead of being ignored.
 */
export function cliOptions<const T extends NonNullable<ParseArgsConfig["options"]>>(
  usage: string,
  options: T,
  { positionals = 0 }: { positionals?: number } = {},
) {
  try {
    const parsed = parseArgs({ options, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length !== positionals) throw new Error(`expected ${positionals} argument(s)`);
    return parsed;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
}
