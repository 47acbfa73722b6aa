import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { Client, InvalidCredentialsError, SizeLimitExceededError, type Entry } from "ldapts";
import { env, type Env } from "~/lib/env.server.ts";
import { everyoneFilter, personDn, personFilter, type DirectoryPerson } from "~/domain/ldap.ts";
import { log } from "~/lib/log.server.ts";

/** How to reach the city's directory and read people from it (README "Signing in with the city's directory"). */
export type DirectorySettings = {
  url: string;
  startTls: boolean;
  /** PEM text of the CA to trust instead of Node's built-in list. */
  ca?: string;
  bindDn?: string;
  bindPassword?: string;
  baseDn: string;
  userFilter: string;
  userDn?: string;
  attributes: {
    employeeNumber: string;
    name: string;
    kana: string;
    mail: string;
    organisation: string;
    section: string;
  };
  /** 任用形態 for people the sync creates. */
  newcomerEmployeeType: string;
  timeoutMs: number;
};

function readCa(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`LDAP_CA_FILE: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The settings from the environment; null when no directory is configured. */
export function directorySettingsOf(source: Env): DirectorySettings | null {
  if (!source.LDAP_URL || !source.LDAP_BASE_DN) return null;
  return {
    url: source.LDAP_URL,
    startTls: source.LDAP_STARTTLS === "true",
    ca: source.LDAP_CA_FILE ? readCa(source.LDAP_CA_FILE) : undefined,
    bindDn: source.LDAP_BIND_DN,
    bindPassword: source.LDAP_BIND_PASSWORD,
    baseDn: source.LDAP_BASE_DN,
    userFilter: source.LDAP_USER_FILTER,
    userDn: source.LDAP_USER_DN,
    attributes: {
      employeeNumber: source.LDAP_ATTR_EMPLOYEE_NUMBER,
      name: source.LDAP_ATTR_NAME,
      kana: source.LDAP_ATTR_KANA,
      mail: source.LDAP_ATTR_MAIL,
      organisation: source.LDAP_ATTR_ORGANISATION,
      section: source.LDAP_ATTR_SECTION,
    },
    newcomerEmployeeType: source.LDAP_SYNC_EMPLOYEE_TYPE,
    timeoutMs: source.LDAP_TIMEOUT_MS,
  };
}

export const directorySettings = directorySettingsOf(env);

/** The directory could not be asked: down, unreachable, too slow, or refusing the bind account. */
export class DirectoryUnavailableError extends Error {
  /** `explanation`, when given, replaces the generic sentence: what the operator must fix. */
  constructor(cause: unknown, explanation?: string) {
    super(explanation ?? `the directory is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = "DirectoryUnavailableError";
  }
}

async function connect(settings: DirectorySettings): Promise<Client> {
  // Certificates are always checked; a city's own CA comes from LDAP_CA_FILE.
  const tlsOptions: ConnectionOptions = { minVersion: "TLSv1.2", ...(settings.ca ? { ca: settings.ca } : {}) };
  const client = new Client({
    url: settings.url,
    timeout: settings.timeoutMs,
    connectTimeout: settings.timeoutMs,
    // ldapts opens TLS from the start whenever tlsOptions are given, so only for ldaps://.
    ...(/^ldaps:/i.test(settings.url) ? { tlsOptions } : {}),
  });
  if (settings.startTls) await client.startTLS(tlsOptions);
  return client;
}

/**
 * Runs `work` on a fresh connection, closed afterwards, and gives up after
 * the timeout as a whole: connecting, StartTLS and each operation have their
 * own limits, but a person at the login form waits for all of them.
 */
async function withDirectory<T>(
  settings: DirectorySettings,
  deadline: boolean,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  let client: Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const running = (async () => {
    client = await connect(settings);
    return work(client);
  })();
  const expired = new Promise<never>((_, reject) => {
    if (deadline) {
      timer = setTimeout(() => reject(new Error(`no answer within ${settings.timeoutMs} ms`)), settings.timeoutMs);
    }
  });
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
    // Closed once the work settles, even when the deadline came first (the
    // client's own timeouts end it by then). Nobody waits for the unbind.
    void running.catch(() => undefined).finally(() => client?.unbind().catch(() => undefined));
  }
}

async function bindSearchAccount(client: Client, settings: DirectorySettings) {
  // Never an anonymous bind in its place: it could read what the account may not.
  if (!settings.bindDn) throw new DirectoryUnavailableError("LDAP_BIND_DN is not set");
  try {
    await client.bind(settings.bindDn, settings.bindPassword ?? "");
  } catch (error) {
    // A refused bind account is a configuration problem, not the person's:
    // the log names the account (never the password) and the setting to fix.
    if (error instanceof InvalidCredentialsError) {
      throw new DirectoryUnavailableError(
        error,
        `the bind account ${settings.bindDn} (LDAP_BIND_DN) was rejected by the directory ` +
          "(invalid credentials): fix LDAP_BIND_PASSWORD",
      );
    }
    throw new DirectoryUnavailableError(error);
  }
}

export type DirectoryPasswordCheck = "ok" | "invalid" | "unavailable";

/**
 * Checks a person's password with the directory: finds their entry with the
 * bind account (or builds their DN from LDAP_USER_DN), then binds as them.
 * The password goes to the directory only, over the configured connection.
 */
export async function checkDirectoryPassword(
  settings: DirectorySettings,
  employeeNumber: string,
  password: string,
): Promise<DirectoryPasswordCheck> {
  // A simple bind with an empty password is an anonymous bind, which
  // servers accept: it must never count as a correct password.
  if (password === "") return "invalid";
  try {
    return await withDirectory(settings, true, async (client) => {
      let dn: string;
      if (settings.userDn) {
        dn = personDn(settings.userDn, employeeNumber);
      } else {
        await bindSearchAccount(client, settings);
        const { searchEntries } = await client.search(settings.baseDn, {
          scope: "sub",
          filter: personFilter(settings.userFilter, employeeNumber),
          attributes: ["1.1"],
          // Two is enough to tell "exactly one" from "ambiguous".
          sizeLimit: 2,
        });
        if (searchEntries.length !== 1) return "invalid";
        dn = searchEntries[0]!.dn;
      }
      try {
        await client.bind(dn, password);
        return "ok";
      } catch (error) {
        if (error instanceof InvalidCredentialsError) return "invalid";
        throw error;
      }
    });
  } catch (error) {
    // More than one entry for one 職員番号: the filter is too broad to trust.
    if (error instanceof SizeLimitExceededError) return "invalid";
    log.error(`directory sign-in: ${error instanceof Error ? error.message : String(error)}`);
    return "unavailable";
  }
}

function text(entry: Entry, attribute: string): string {
  // Attribute names are case-insensitive in LDAP; ldapts keeps the server's spelling.
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? "" : first.toString().trim();
}

/**
 * Everyone the sign-in filter can find, for the staff sync. Read a page at a
 * time: Active Directory returns at most 1,000 entries to one plain search.
 * Throws DirectoryUnavailableError when the directory cannot be read.
 */
export async function readDirectoryPeople(settings: DirectorySettings): Promise<DirectoryPerson[]> {
  const { attributes } = settings;
  try {
    return await withDirectory(settings, false, async (client) => {
      await bindSearchAccount(client, settings);
      const { searchEntries } = await client.search(settings.baseDn, {
        scope: "sub",
        filter: everyoneFilter(settings.userFilter),
        attributes: Object.values(attributes),
        paged: { pageSize: 500 },
      });
      return searchEntries.map((entry) => ({
        dn: entry.dn,
        employeeNumber: text(entry, attributes.employeeNumber),
        name: text(entry, attributes.name),
        nameKana: text(entry, attributes.kana),
        email: text(entry, attributes.mail),
        organisation: text(entry, attributes.organisation),
        section: text(entry, attributes.section),
      }));
    });
  } catch (error) {
    throw error instanceof DirectoryUnavailableError ? error : new DirectoryUnavailableError(error);
  }
}
