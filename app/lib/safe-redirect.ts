import { hasControlCharacter } from "./params.ts";

/**
 * Where to go after login: a path on Mamori itself, never another origin.
 *
 * The target is parsed as a URL against a stand-in for the app's own origin
 * (its real host does not matter: only "same origin or not" does), and kept
 * only if it stays on that origin. Browsers and proxies forgive more than
 * the URL standard does — they drop tabs and newlines, read `\` as `/`, and
 * some decode `%2F` or `%5C` — so before parsing, anything but printable
 * ASCII is refused, as is a backslash or a second leading slash in raw or
 * percent-encoded form. The targets Mamori writes itself (`requireUser`) are
 * already percent-encoded paths, so none of this refuses a real one.
 */
const OWN_ORIGIN = "http://mamori.invalid";
const MAX_LENGTH = 2048;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
/** Decoded control characters or backslashes, or a path that starts with two slashes (protocol-relative once decoded). */
function smuggles(decoded: string): boolean {
  return decoded.startsWith("//") || decoded.includes("\\") || hasControlCharacter(decoded);
}

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > MAX_LENGTH || !PRINTABLE_ASCII.test(to)) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback; // a malformed escape: nothing Mamori wrote
  }
  if (smuggles(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
