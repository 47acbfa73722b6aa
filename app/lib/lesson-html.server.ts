import sanitizeHtml from "sanitize-html";
import { isSafeLinkHref } from "./safe-redirect.ts";

/**
 * The tags Markdown makes (headings, paragraphs, lists, tables, quotes,
 * emphasis, code) and ruby for readings: what a lesson, a bulletin or a
 * preview may show. Everything else — script, style, meta, form, input,
 * iframe, img, object, svg — is dropped, with the content of script, style
 * and textarea.
 */
const ALLOWED_TAGS = [
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "p",
  "br",
  "hr",
  "blockquote",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "strong",
  "em",
  "b",
  "i",
  "del",
  "s",
  "sup",
  "sub",
  "kbd",
  "code",
  "pre",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "a",
  "ruby",
  "rt",
  "rp",
];

/**
 * No `style`, `class` (but a code block's language), `id` or event handler:
 * those are what turn a lesson into a full-page overlay or a fake sign-in.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ["href", "title"], th: ["align"], td: ["align"], ol: ["start"] },
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    // The scheme check above lets `/\host` and `/.//host` through as
    // relative paths: links keep only what the redirect after login would.
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      return { tagName, attribs: href !== undefined && isSafeLinkHref(href) ? { ...rest, href } : rest };
    },
  },
};

/**
 * HTML made from Markdown, reduced to the allow-list above: the one filter
 * every lesson, bulletin and editor preview passes before it reaches a page
 * (docs/security.md, "Lesson HTML").
 */
export function sanitizeLessonHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
