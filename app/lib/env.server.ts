import { isIP } from "node:net";
import { z } from "zod";
import { databaseUrl } from "./database-url.ts";

const DEV_SESSION_SECRET = "mamori-development-only";
/** Public, so only `npm run demo` (MAMORI_DEMO=1) may use it, and says so. */
export const DEMO_SESSION_SECRET = "mamori-demo-only-never-for-real-staff";
/** The placeholder in .env.example: public, so production refuses it. */
export const EXAMPLE_SESSION_SECRET = "change-me-to-a-random-string-of-at-least-32-characters";
/** A shorter secret can be guessed offline from one signed cookie. */
export const MIN_SESSION_SECRET_LENGTH = 32;

/** A comma-separated list of IP addresses; anything else is refused at start-up. */
const ipAddresses = () =>
  z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((address) => address.trim())
        .filter(Boolean),
    )
    .refine((addresses) => addresses.every((address) => isIP(address) !== 0), "IP addresses, comma-separated");

/**
 * Every setting Mamori reads, with its default: the one list that
 * .env.example and the README's settings table must match
 * (tests/unit/settings-docs.test.ts).
 */
const settings = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default(""),
  SESSION_SECRET: z.string().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  // Every failed sign-in is answered no sooner than this (ms), so that its
  // time does not tell an unknown number from a wrong password. Unset: a
  // floor derived from BCRYPT_COST (loginFailureFloorMs).
  LOGIN_FAILURE_MIN_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  // Failed logins allowed from one address per window. Generous: a whole
  // city hall may reach Mamori through one proxy address.
  LOGIN_THROTTLE_FAILURES: z.coerce.number().int().positive().default(100),
  LOGIN_THROTTLE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  // Reverse proxies (comma-separated IP addresses) whose X-Forwarded-Proto
  // and X-Forwarded-For are believed; from any other address those
  // headers are ignored. Unset: none.
  TRUSTED_PROXIES: ipAddresses(),
  // Unset means "secure in production". "false" only for a closed
  // network served over plain HTTP, where browsers drop secure cookies.
  SESSION_COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  // A session ends after this long without a request, and this long
  // after sign-in whatever happens (docs/security.md, Sessions).
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(60),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(12),
  // Set by `npm run demo`: the public demo secret is allowed and announced.
  MAMORI_DEMO: z.enum(["0", "1"]).default("0"),
  // Reminders: sent through this SMTP server when set (smtp://host:25),
  // otherwise written to files in REMINDER_OUTBOX for the city's own mail.
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("mamori@localhost"),
  REMINDER_OUTBOX: z.string().default("data/outbox"),
  /** The address staff use to reach Mamori, for links in reminders and drill mails. */
  APP_URL: z.string().default("http://localhost:3000"),
  // Drill mails: at most this many per minute per app instance (the
  // city's mail server may throttle bursts), and how often an idle sender
  // looks for mail due. DRILL_SENDER=off keeps an instance from sending.
  DRILL_SEND_PER_MINUTE: z.coerce.number().int().positive().default(600),
  DRILL_SENDER_POLL_MS: z.coerce.number().int().positive().default(5_000),
  DRILL_SENDER: z.enum(["on", "off"]).default("on"),
  // 不審メール報告: the SMTP port Mamori listens on for forwarded mail
  // (unset: off), the address it binds, and the largest mail accepted.
  REPORT_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  REPORT_SMTP_HOST: z.string().optional(),
  REPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  // What the listener refuses for good (554): more MIME parts than this in
  // all, or parts and attached messages nested deeper. A mail not read
  // within REPORT_PARSE_TIMEOUT_MS is filed for triage unread.
  REPORT_MAX_PARTS: z.coerce.number().int().positive().default(100),
  REPORT_MAX_DEPTH: z.coerce.number().int().positive().default(8),
  REPORT_PARSE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // Reports by mail per envelope sender per hour, counted in the database
  // (so across instances); more are answered 450, try later.
  REPORT_RATE_PER_HOUR: z.coerce.number().int().positive().default(30),
  // The reported mail kept for the security office: at most this many
  // bytes of each, and at most this many in all (past it, new reports keep
  // their facts without the mail).
  REPORT_RAW_MAX_BYTES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(256 * 1024),
  REPORT_RAW_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(200 * 1024 * 1024),
  // The city mail server's IP addresses: the only clients the listener
  // serves (554 at connection to any other). Empty: anyone who reaches the
  // port, for testing only, as a report is credited by its envelope sender.
  REPORT_TRUSTED_RELAYS: ipAddresses(),

  // A failed quiz may be retaken no sooner than this many minutes after it
  // was submitted (besides reading the missed modules again). 0: at once.
  QUIZ_RETAKE_WAIT_MINUTES: z.coerce.number().int().min(0).max(525_600).default(0),

  // ── Directory sign-in and staff sync (LDAP / Active Directory; README
  // "Signing in with the city's directory"). Unset LDAP_URL: Mamori
  // passwords only. The bind account only searches; a person's password
  // is checked by binding as them and is never stored.
  LDAP_URL: z
    .string()
    .regex(/^ldaps?:\/\/[^/\s]+\/?$/i, "ldap://host[:port] or ldaps://host[:port]")
    .optional(),
  /** Upgrades an ldap:// connection with StartTLS before anything is sent. */
  LDAP_STARTTLS: z.enum(["true", "false"]).default("false"),
  /** PEM file of the CA that signed the directory's certificate (a city's own CA). */
  LDAP_CA_FILE: z.string().optional(),
  LDAP_BIND_DN: z.string().optional(),
  LDAP_BIND_PASSWORD: z.string().optional(),
  LDAP_BASE_DN: z.string().optional(),
  /** Finds a person; {職員番号} is replaced by their escaped employee number. */
  LDAP_USER_FILTER: z.string().includes("{職員番号}").default("(employeeID={職員番号})"),
  /** Instead of a search: bind straight as this DN ({職員番号} escaped), e.g. uid={職員番号},ou=staff,… */
  LDAP_USER_DN: z.string().includes("{職員番号}").optional(),
  LDAP_ATTR_EMPLOYEE_NUMBER: z.string().min(1).default("employeeID"),
  LDAP_ATTR_NAME: z.string().min(1).default("displayName"),
  LDAP_ATTR_KANA: z.string().min(1).default("msDS-PhoneticDisplayName"),
  LDAP_ATTR_MAIL: z.string().min(1).default("mail"),
  LDAP_ATTR_ORGANISATION: z.string().min(1).default("company"),
  LDAP_ATTR_SECTION: z.string().min(1).default("department"),
  /** 任用形態 (code or name) given to people the sync creates; the directory does not hold it. */
  LDAP_SYNC_EMPLOYEE_TYPE: z.string().min(1).default("regular"),
  /** Longest wait for the directory, connecting and per operation. */
  LDAP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  // ── end of the directory settings

  // The folder of the shipped training content (content/ in the repository).
  CONTENT_DIR: z
    .string()
    .optional()
    .transform((value) => value || "content"),
  /** Pins "today" (YYYY-MM-DD, Japan) for tests and recorded demos; anything else is ignored. */
  MAMORI_TODAY: z
    .string()
    .optional()
    .transform((value) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined)),
  // Logs: one JSON line per event on standard output; "pretty" for a person at a terminal.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
});

/** The names of every setting, for the test that keeps the documentation in step. */
export const SETTING_NAMES: readonly string[] = Object.keys(settings.shape);

const schema = settings
  .superRefine((env, context) => {
    if (!env.LDAP_URL) return;
    const problem = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    if (!env.LDAP_BASE_DN) problem("LDAP_BASE_DN", "required with LDAP_URL");
    if (!env.LDAP_USER_DN && !env.LDAP_BIND_DN) problem("LDAP_BIND_DN", "required with LDAP_URL (or set LDAP_USER_DN)");
    if (env.LDAP_BIND_DN && env.LDAP_BIND_PASSWORD === undefined)
      problem("LDAP_BIND_PASSWORD", "required with LDAP_BIND_DN");
    if (env.LDAP_STARTTLS === "true" && /^ldaps:/i.test(env.LDAP_URL)) {
      problem("LDAP_STARTTLS", "ldaps:// is already encrypted; StartTLS is for ldap://");
    }
  })
  .transform((env) => ({ ...env, DATABASE_URL: databaseUrl(env.DATABASE_URL) }));

export type Env = z.infer<typeof schema> & {
  sessionSecrets: string[];
  cookieSecure: boolean;
  /** LOGIN_FAILURE_MIN_MS, or the floor for BCRYPT_COST. */
  loginFailureMinMs: number;
  /** The public demo secret signs the cookies (npm run demo). */
  demoSecret: boolean;
};

/**
 * The default time a failed sign-in takes at least: 1,024 ms at cost 12,
 * halved with each step down. A bcryptjs compare at cost 12 took about
 * 370 ms on one core of a modest server, so the floor covers it (and a
 * directory's answer) with room for a busy machine.
 */
export function loginFailureFloorMs(bcryptCost: number): number {
  return 2 ** bcryptCost / 4;
}

/**
 * Parses the environment once. Production refuses to start without a
 * SESSION_SECRET of at least 32 characters: a default or short secret
 * would let anyone forge a session cookie. The demo may use the public
 * demo secret; development falls back to a development secret.
 */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  const secrets = (parsed.data.SESSION_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const demo = parsed.data.MAMORI_DEMO === "1";
  if (secrets.length === 0) secrets.push(demo ? DEMO_SESSION_SECRET : DEV_SESSION_SECRET);
  if (parsed.data.NODE_ENV === "production") {
    if (secrets.includes(DEV_SESSION_SECRET)) {
      throw new Error(
        `SESSION_SECRET must be set to a random string of at least ${MIN_SESSION_SECRET_LENGTH} characters ` +
          "(for example: openssl rand -base64 48). Comma-separated to rotate secrets; see .env.example.",
      );
    }
    const short = secrets.find((secret) => secret.length < MIN_SESSION_SECRET_LENGTH);
    if (short !== undefined) {
      throw new Error(
        `SESSION_SECRET is too short: every secret needs at least ${MIN_SESSION_SECRET_LENGTH} characters ` +
          `(one has ${short.length}). For example: openssl rand -base64 48.`,
      );
    }
    if (secrets.includes(EXAMPLE_SESSION_SECRET)) {
      throw new Error(
        "SESSION_SECRET is the placeholder from .env.example: set a random secret of your own (openssl rand -base64 48).",
      );
    }
    if (!demo && secrets.includes(DEMO_SESSION_SECRET)) {
      throw new Error("SESSION_SECRET is the public demo secret: set a random secret of your own.");
    }
  }
  const cookieSecure = parsed.data.SESSION_COOKIE_SECURE
    ? parsed.data.SESSION_COOKIE_SECURE === "true"
    : parsed.data.NODE_ENV === "production";
  return {
    ...parsed.data,
    sessionSecrets: secrets,
    cookieSecure,
    loginFailureMinMs: parsed.data.LOGIN_FAILURE_MIN_MS ?? loginFailureFloorMs(parsed.data.BCRYPT_COST),
    demoSecret: secrets[0] === DEMO_SESSION_SECRET,
  };
}

export const env = parseEnv(process.env);
