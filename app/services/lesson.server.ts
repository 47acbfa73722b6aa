import { Marked } from "marked";
import { CITATION } from "~/domain/content/types.ts";

export type CitedClause = { id: string; heading: string; text: string; popoverId: string };

const markdown = new Marked({ gfm: true });

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Renders a lesson's Markdown to HTML. Each [[clause]] citation becomes a
 * button that opens the clause's exact text in a popover (rendered by the
 * page from `cited`), so the learner never leaves the lesson to check it.
 * Lessons come from content/, reviewed like code, so their HTML is trusted.
 */
export function renderLesson(body: string, clauses: ReadonlyMap<string, { heading: string; text: string }>) {
  const cited = new Map<string, CitedClause>();
  const withCitations = body.replace(CITATION, (whole, id: string) => {
    const clause = clauses.get(id);
    if (!clause) return escapeHtml(whole);
    const entry = cited.get(id) ?? { id, ...clause, popoverId: `clause-${cited.size + 1}` };
    cited.set(id, entry);
    return `<button type="button" class="citation" popovertarget="${entry.popoverId}">基本方針 ${escapeHtml(id)}</button>`;
  });
  return { html: markdown.parse(withCitations) as string, cited: [...cited.values()] };
}
