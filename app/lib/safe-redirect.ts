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
 *
 * The check on the raw text is not enough: the URL parser resolves dot
 * segments (`.`, `..`, `%2e`), so `/.//evil.example` becomes the path
 * `//evil.example`, which a browser given it as `Location` reads as another
 * host. The path is therefore checked again after parsing, and the parsed
 * form is what is returned.
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
  if (url.origin !== OWN_ORIGIN || url.pathname.startsWith("//") || url.pathname.startsWith("/\\")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * A link's address in Markdown that Mamori will keep: a path on Mamori
 * (the same rule as the redirect after login), a `#fragment` of the page,
 * or an absolute http(s) URL. Anything else — `//host`, `/\host`,
 * `javascript:`, `data:` — is not a link.
 */
export function isSafeLinkHref(href: string): boolean {
  if (href.startsWith("#")) return PRINTABLE_ASCII.test(href);
  if (href.startsWith("/")) return safeRedirect(href, "") !== "";
  if (!/^https?:\/\//i.test(href) || !PRINTABLE_ASCII.test(href) || href.length > MAX_LENGTH) return false;
  try {
    const url = new URL(href);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
