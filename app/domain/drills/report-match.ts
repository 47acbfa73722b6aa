/**
 * Recognising a reported mail: the drill link's token survives forwarding
 * (inline or as an attachment), and identical mails are grouped by sender
 * and subject. Pure.
 */

/**
 * The most of one header value or one line that any rule here looks at: a
 * From line or a subject is far shorter, and a cut keeps every scan below
 * bounded whatever a reported mail holds.
 */
export const MAX_LINE_CHARS = 500;

/** Tokens are 32 bytes of randomness, base64url: 43 characters. */
const TOKEN_IN_LINK = /\/d\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g;

/** Every drill token found in links of `text` (a mail's text, HTML or raw source). */
export function drillTokensIn(text: string): string[] {
  // Quoted-printable soft line breaks ("=\r\n") may split a link in a raw mail.
  const joined = text.replace(/=\r?\n/g, "");
  return [...new Set([...joined.matchAll(TOKEN_IN_LINK)].map((m) => m[1]!))];
}

const FORWARD_PREFIX = /^\s*((fwd?|fw|tr|転送|re)\s*[:：]\s*)+/i;

/** A subject without the "Fwd:", "FW:", "転送:" a forward adds. */
export function originalSubject(subject: string): string {
  return subject.slice(0, MAX_LINE_CHARS).replace(FORWARD_PREFIX, "").trim();
}

const ADDRESS_STOP = /[\s<>"']/;

/** `word` is one address-like word: something, an @, something. */
const isAddress = (word: string) => word.indexOf("@") > 0 && word.indexOf("@") < word.length - 1;

/**
 * The mail address in a From line ("総務課 <soumu@example.jp>"), lower-cased;
 * else the text. Scans the line once, without a regular expression that
 * could backtrack (a 40,000-letter line once took seconds).
 */
export function senderAddress(from: string): string {
  const line = from.slice(0, MAX_LINE_CHARS);
  // An address in angle brackets wins over a bare one, as mail programs read it.
  for (let open = line.indexOf("<"); open !== -1; open = line.indexOf("<", open + 1)) {
    const close = line.indexOf(">", open + 1);
    if (close === -1) break;
    const inside = line.slice(open + 1, close);
    if (!inside.includes("<") && !/\s/.test(inside) && isAddress(inside)) return inside.toLowerCase();
  }
  let word = "";
  for (const char of line + " ") {
    if (!ADDRESS_STOP.test(char)) {
      word += char;
      continue;
    }
    if (isAddress(word)) return word.toLowerCase();
    word = "";
  }
  return line.trim().toLowerCase();
}

/** The key that groups reports of one mail: its sender's address and its subject. */
export function reportGroupKey(sender: string, subject: string): string {
  return `${senderAddress(sender)}\n${originalSubject(subject).normalize("NFKC").replace(/\s+/g, " ")}`.slice(0, 500);
}

/** What quotes a line or pads it: ">" and white space (full-width too). */
const QUOTING = new Set([">", " ", "\t", "\r", "\f", "\v", "\u00a0", "\u3000"]);
const HEADER_INITIALS = new Set(["F", "f", "S", "s", "差", "送", "件"]);
const QUOTED_SENDER = /^(?:From|差出人|送信者)\s*[:：]\s*(.+)$/i;
const QUOTED_SUBJECT = /^(?:Subject|件名)\s*[:：]\s*(.+)$/i;

/**
 * The original sender and subject of a mail forwarded inline: the header
 * block a mail program quotes ("From: …", "差出人: …", "Subject: …", "件名: …"),
 * behind any quoting ("> "). Line by line: each line's quoting is stripped
 * by a loop and the rest cut to MAX_LINE_CHARS before a pattern sees it, so
 * the work grows with the text's length, never faster (one pattern over the
 * whole text once took 30 s on 320 KB of "> " lines).
 */
export function quotedHeaders(text: string): { sender?: string; subject?: string } {
  let sender: string | undefined;
  let subject: string | undefined;
  for (let start = 0; start < text.length && (sender === undefined || subject === undefined);) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let at = start;
    while (at < end && QUOTING.has(text[at]!)) at++;
    // Only a line that starts as a header name can be one: most lines cost this one look.
    if (at < end && HEADER_INITIALS.has(text[at]!)) {
      const line = text.slice(at, Math.min(end, at + MAX_LINE_CHARS)).replace(/\r$/, "");
      sender ??= QUOTED_SENDER.exec(line)?.[1]?.trim();
      subject ??= QUOTED_SUBJECT.exec(line)?.[1]?.trim();
    }
    start = end + 1;
  }
  return { sender, subject };
}

/**
 * The address a mail's report may be credited to: its envelope sender
 * (MAIL FROM, which the city's mail server sets from the signed-in account),
 * when the header From, which any sender writes freely, names the same
 * address. Null when they disagree or the envelope names nobody: such a
 * mail credits nobody ("reporter unknown").
 */
export function creditableAddress(envelopeFrom: string, headerFrom: string): string | null {
  const envelope = envelopeFrom.trim().toLowerCase();
  if (!isAddress(envelope) || /[\s<>]/.test(envelope)) return null;
  return senderAddress(headerFrom) === envelope ? envelope : null;
}

/**
 * The drill mail a reply answers, from its In-Reply-To: the drill sender
 * writes each message's Message-ID as <drill.<campaign>.<staff>@host>.
 */
export function repliedDrill(inReplyTo: string | null): { campaignId: number; staffId: number } | null {
  const match = /^\s*<drill\.(\d{1,9})\.(\d{1,9})@[^\s<>]{1,253}>/.exec((inReplyTo ?? "").slice(0, MAX_LINE_CHARS));
  return match ? { campaignId: Number(match[1]), staffId: Number(match[2]) } : null;
}
