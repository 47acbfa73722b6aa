/**
 * The picture of a drill mail as a mail client shows it, cut into pieces so
 * that each red flag's quote can be marked where it stands. Pure: the
 * component DrillMailPicture only turns the pieces into elements.
 */
import type { DrillScenario, RedFlagPart, RenderedDrillMail } from "./scenario.ts";

/** A run of text; `flag` is the 1-based number of the red flag it belongs to. */
export type PicturePiece = { text: string; flag?: number; badge?: true; link?: true };

export type PictureFlag = {
  number: number;
  part: RedFlagPart;
  quote: string;
  explanation: string;
  /** False when the quote was not found in the rendered mail: the list still explains it. */
  marked: boolean;
};

export type DrillMailPictureModel = {
  /** "name <address>", as mail clients show the sender. */
  sender: PicturePiece[];
  subject: PicturePiece[];
  /** The fake attachment, shown where a mail client lists attachments; null for links. */
  attachment: PicturePiece[] | null;
  /** The text body, each link shown as its link text. */
  body: PicturePiece[];
  flags: PictureFlag[];
};

type Range = { start: number; end: number };
type Mark = Range & { flag: number };

// The person's link as renderDrillMail put it in the text body (no spaces or quotes in it).
const URL_IN_TEXT = /https?:\/\/[^\s"'<>]+/g;

/** Pieces of text.slice(from, to), less the hidden ranges; the first piece of each flag carries its badge. */
function pieces(text: string, marks: Mark[], badged: Set<number>, from = 0, to = text.length, hidden: Range[] = []) {
  const cuts = [from, to, ...marks.flatMap((m) => [m.start, m.end]), ...hidden.flatMap((h) => [h.start, h.end])];
  const points = [...new Set(cuts.filter((c) => c >= from && c <= to))].sort((a, b) => a - b);
  const out: PicturePiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (hidden.some((h) => start >= h.start && end <= h.end)) continue;
    const piece: PicturePiece = { text: text.slice(start, end) };
    const mark = marks.find((m) => start >= m.start && end <= m.end);
    if (mark) {
      piece.flag = mark.flag;
      if (!badged.has(mark.flag)) {
        piece.badge = true;
        badged.add(mark.flag);
      }
    }
    out.push(piece);
  }
  return out;
}

/** Each flag of `part`, marked at the first place its quote occurs in `text`. */
function marksIn(text: string, flags: PictureFlag[], part: RedFlagPart): Mark[] {
  return flags.flatMap((f) => {
    if (f.part !== part) return [];
    const start = text.indexOf(f.quote);
    return start < 0 ? [] : [{ start, end: start + f.quote.length, flag: f.number }];
  });
}

/**
 * Lays out `mail` with its red flags numbered in order. In the body, a link
 * on its own line under a line naming the link text becomes that text (as
 * an HTML mail client shows it); any other link shows the link text in
 * place of the address. Flags on the link are marked on the attachment, or
 * on the first link of the body.
 */
export function drillMailPicture(
  mail: RenderedDrillMail,
  link: DrillScenario["link"],
  redFlags: DrillScenario["redFlags"],
): DrillMailPictureModel {
  const flags: PictureFlag[] = redFlags.map((f, i) => ({ number: i + 1, ...f, marked: false }));
  const badged = new Set<number>();
  const sender = `${mail.fromName} <${mail.fromAddress}>`;
  const linkMarks = marksIn(link.text, flags, "link");

  const model: Omit<DrillMailPictureModel, "body" | "flags"> = {
    sender: pieces(sender, marksIn(sender, flags, "sender"), badged),
    subject: pieces(mail.subject, marksIn(mail.subject, flags, "subject"), badged),
    attachment: link.kind === "attachment" ? pieces(link.text, linkMarks, badged) : null,
  };

  const text = mail.text;
  const bodyMarks = marksIn(text, flags, "body");
  const links: (Range & { hide?: Range })[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const start = match.index;
    const end = start + match[0].length;
    const ownLine = start > 0 && text[start - 1] === "\n";
    const previousLine = text.lastIndexOf("\n", start - 2) + 1;
    const named = ownLine ? text.lastIndexOf(link.text, start - 1 - link.text.length) : -1;
    if (named >= previousLine)
      links.push({ start: named, end: named + link.text.length, hide: { start: start - 1, end } });
    else links.push({ start, end });
  }
  const hidden = links.flatMap((l) => (l.hide ? [l.hide] : []));
  const body: PicturePiece[] = [];
  let position = 0;
  for (const [i, l] of links.entries()) {
    body.push(...pieces(text, bodyMarks, badged, position, l.start, hidden));
    const marks = i === 0 && link.kind !== "attachment" ? linkMarks : [];
    body.push(...pieces(link.text, marks, badged).map((p): PicturePiece => ({ ...p, link: true })));
    position = l.end;
  }
  body.push(...pieces(text, bodyMarks, badged, position, text.length, hidden));

  return { ...model, body, flags: flags.map((f) => ({ ...f, marked: badged.has(f.number) })) };
}
