/**
 * Recognising a reported mail: the drill link's token survives forwarding
 * (inline or as an attachment), and identical mails are grouped by sender
 * and subject. Pure.
 */

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
  return subject.replace(FORWARD_PREFIX, "").trim();
}

/** The mail address in a From line ("総務課 <soumu@example.jp>"), lower-cased; else the text. */
export function senderAddress(from: string): string {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  const bare = /([^\s<>"']+@[^\s<>"']+)/.exec(from);
  return (angle?.[1] ?? bare?.[1] ?? from).trim().toLowerCase();
}

/** The key that groups reports of one mail: its sender's address and its subject. */
export function reportGroupKey(sender: string, subject: string): string {
  return `${senderAddress(sender)}\n${originalSubject(subject).normalize("NFKC").replace(/\s+/g, " ")}`.slice(0, 500);
}

/**
 * The original sender and subject of a mail forwarded inline: the header
 * block a mail program quotes ("From: …", "差出人: …", "Subject: …", "件名: …").
 */
export function quotedHeaders(text: string): { sender?: string; subject?: string } {
  const sender = /^[>\s]*(?:From|差出人|送信者)\s*[:：]\s*(.+)$/im.exec(text)?.[1]?.trim();
  const subject = /^[>\s]*(?:Subject|件名)\s*[:：]\s*(.+)$/im.exec(text)?.[1]?.trim();
  return { sender, subject };
}
