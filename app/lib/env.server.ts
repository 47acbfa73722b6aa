import { z } from "zod";
import { databaseUrl } from "./database-url.ts";

const DEV_SESSION_SECRET = "mamori-development-only";
/** Public, so only `npm run demo` (MAMORI_DEMO=1) may use it, and says so. */
export const DEMO_SESSION_SECRET = "mamori-demo-only-never-for-real-staff";
/** A shorter secret can be guessed offline from one signed cookie. */
export const MIN_SESSION_SECRET_LENGTH = 32;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().default(""),
    SESSION_SECRET: z.string().optional(),
    PORT: z.coerce.number().int().positive().default(3000),
    HOST: z.string().optional(),
    BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
    LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
    // Failed logins allowed from one address per window. Generous: a whole
    // city hall may reach Mamori through one proxy address.
    LOGIN_THROTTLE_FAILURES: z.coerce.number().int().positive().default(100),
    LOGIN_THROTTLE_WINDOW_MINUTES: z.coerce.number().positive().default(15),
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
    /** The address staff use to reach Mamori, for links in reminders. */
    APP_URL: z.string().default("http://localhost:3000"),
  })
  .transform((env) => ({ ...env, DATABASE_URL: databaseUrl(env.DATABASE_URL) }));

export type Env = z.infer<typeof schema> & {
  sessionSecrets: string[];
  cookieSecure: boolean;
  /** The public demo secret signs the cookies (npm run demo). */
  demoSecret: boolean;
};

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
    if (!demo && secrets.includes(DEMO_SESSION_SECRET)) {
      throw new Error("SESSION_SECRET is the public demo secret: set a random secret of your own.");
    }
  }
  const cookieSecure = parsed.data.SESSION_COOKIE_SECURE
    ? parsed.data.SESSION_COOKIE_SECURE === "true"
    : parsed.data.NODE_ENV === "production";
  return { ...parsed.data, sessionSecrets: secrets, cookieSecure, demoSecret: secrets[0] === DEMO_SESSION_SECRET };
}

export const env = parseEnv(process.env);
