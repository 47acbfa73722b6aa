import { Marked, type Tokens } from "marked";
import { CITATION } from "~/domain/content/types.ts";
import { sanitizeLessonHtml } from "~/lib/lesson-html.server.ts";
import { isSafeLinkHref } from "~/lib/safe-redirect.ts";

/** After the page's id prefix, the id of a clause's first citation in a rendered body. */
export const CITATION_ANCHOR = "at-";

export type CitedClause = { id: string; heading: string; text: string; popoverId: string };

type ClauseTexts = ReadonlyMap<string, { heading: string; text: string }>;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Lessons come from content/ or the browser's editor: their Markdown may
 * hold HTML, which the sanitiser then reduces to its allow-list.
 */
const trusted = new Marked({ gfm: true });

/**
 * Bulletins are typed into a form by HR: raw HTML is shown as text, links
 * keep only safe addresses, and images become their description (nothing
 * is fetched from elsewhere).
 */
const untrusted = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    link(this: { parser: { parseInline(tokens: Tokens.Link["tokens"]): string } }, token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      return isSafeLinkHref(token.href) ? `<a href="${escapeHtml(token.href)}">${text}</a>` : text;
    },
    image: ({ text }: Tokens.Image) => escapeHtml(text),
  },
});

// Citations are swapped for markers that Markdown leaves alone, then for
// their buttons once the HTML is made, so that escaping the author's HTML
// never escapes the buttons. The markers use private-use characters, which
// are stripped from the text first so that nobody can forge one.
const MARK_OPEN = "\uE000";
const MARK_CLOSE = "\uE001";
const MARKERS = /[\uE000\uE001]/g;
const MARKED_CITATION = /\uE000(\d+)\uE001/g;

/**
 * Renders Markdown with clause citations to HTML: the one path for lessons
 * and bulletins. Each [[clause]] citation becomes a button that opens the
 * clause's exact text in a popover (rendered by the page from `cited`, with
 * ids starting `idPrefix`), so the reader never leaves the page to check it.
 * Only lessons (`trusted`) may carry raw HTML, and only what the sanitiser
 * keeps: it runs on every result, before the buttons (ours) go in.
 */
export function renderMarkdown(
  body: string,
  clauses: ClauseTexts,
  { trusted: isTrusted, idPrefix = "clause-" }: { trusted: boolean; idPrefix?: string },
) {
  const cited = new Map<string, CitedClause>();
  const buttons: string[] = [];
  const marked = body.replace(MARKERS, "").replace(CITATION, (whole, id: string) => {
    const clause = clauses.get(id);
    if (!clause) return whole;
    const first = !cited.has(id);
    const entry = cited.get(id) ?? { id, ...clause, popoverId: `${idPrefix}${cited.size + 1}` };
    cited.set(id, entry);
    // The first citation of a clause is where a link to "this clause in the lesson" lands (the mastery map's).
    const anchor = first ? ` id="${idPrefix}${CITATION_ANCHOR}${escapeHtml(id)}"` : "";
    buttons.push(
      `<button type="button" class="citation"${anchor} popovertarget="${entry.popoverId}">基本方針 ${escapeHtml(id)}</button>`,
    );
    return `${MARK_OPEN}${buttons.length - 1}${MARK_CLOSE}`;
  });
  const html = sanitizeLessonHtml((isTrusted ? trusted : untrusted).parse(marked) as string).replace(
    MARKED_CITATION,
    (_, i: string) => buttons[Number(i)]!,
  );
  return { html, cited: [...cited.values()] };
}

/** A lesson of content/ as HTML (see renderMarkdown). */
export function renderLesson(body: string, clauses: ClauseTexts) {
  return renderMarkdown(body, clauses, { trusted: true });
}
