/**
 * What Mamori needs from a reported mail, read from its raw bytes: who
 * forwarded it, the suspicious mail's sender, subject and Message-ID, and the
 * drill link tokens in it. This runs in the report parser's worker thread
 * (report-parser-worker.server.ts), never on the thread that answers
 * requests: a hostile mail may cost the parser seconds, and the worker is
 * stopped after REPORT_PARSE_TIMEOUT_MS.
 */
import { finished } from "node:stream/promises";
import { simpleParser, type ParsedMail } from "mailparser";
import mailsplit from "@zone-eu/mailsplit";
// A relative path, not "~/": the worker is also compiled by esbuild on its
// own (scripts/build-server.ts), which would take "~/…" for a package.
import { drillTokensIn, MAX_LINE_CHARS, originalSubject, quotedHeaders } from "../domain/drills/report-match.ts";

/** How much structure a reported mail may have before it is refused (554). */
export type StructureLimits = {
  /** MIME parts in all, attached messages' parts included. */
  maxParts: number;
  /** Nesting: multiparts within multiparts and messages attached to messages. */
  maxDepth: number;
};

/** The plain facts of a reported mail, which is all the worker sends back. */
export type MailFacts = {
  /** The forwarding address (the reporter), from the mail's own From. */
  from: string;
  /** The suspicious mail's sender, subject and Message-ID as the mail gives them. */
  sender: string;
  subject: string;
  messageId: string | null;
  /** The mail's own In-Reply-To: a reply to a drill names the drill mail's Message-ID. */
  inReplyTo: string | null;
  /** Drill link tokens found anywhere in the mail, the first MAX_TOKENS. */
  tokens: string[];
};

export type ParseOutcome =
  { ok: true; facts: MailFacts } | { ok: false; refusal: "not-a-mail" | "too-many-parts" | "too-deep" };

/** A reported mail names one drill mail; a few more tokens cover a forward of several. */
export const MAX_TOKENS = 20;

const cut = (value: string | undefined | null) => (value ?? "").slice(0, MAX_LINE_CHARS);

class Refused extends Error {
  constructor(readonly refusal: "too-many-parts" | "too-deep") {
    super(refusal);
  }
}

/**
 * Counts the MIME parts of one message and how deep they nest, stopping as
 * soon as either passes its budget, so that 3,000 attachments or a thousand
 * nested multiparts cost no more than the limit allows.
 */
async function checkStructure(raw: Buffer, budget: { parts: number; depth: number }) {
  const splitter = new mailsplit.Splitter({ maxChildNodes: budget.parts + 1 });
  const depths = new Map<unknown, number>();
  let parts = 0;
  splitter.on("data", (chunk) => {
    if (chunk.type !== "node") return;
    const depth = chunk.parentNode ? (depths.get(chunk.parentNode) ?? 0) + 1 : 0;
    depths.set(chunk, depth);
    parts++;
    if (parts > budget.parts) splitter.destroy(new Refused("too-many-parts"));
    else if (depth > budget.depth) splitter.destroy(new Refused("too-deep"));
  });
  splitter.end(raw);
  try {
    await finished(splitter);
  } catch (error) {
    if (error instanceof Error && /child nodes/i.test(error.message)) throw new Refused("too-many-parts");
    throw error;
  }
  return { parts, depth: Math.max(0, ...depths.values()) };
}

const textsOf = (mail: ParsedMail) => [mail.text ?? "", typeof mail.html === "string" ? mail.html : ""];

const PARSER_OPTIONS = { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true } as const;

type Gathered = { texts: string[]; partsLeft: number; firstAttached?: ParsedMail };

/** Parses one message and, one level further each time, the messages attached to it. */
async function gather(raw: Buffer, depthLeft: number, into: Gathered, top = true): Promise<ParsedMail> {
  const structure = await checkStructure(raw, { parts: into.partsLeft, depth: depthLeft });
  into.partsLeft -= structure.parts;
  const mail = await simpleParser(raw, PARSER_OPTIONS);
  into.texts.push(...textsOf(mail));
  for (const attachment of mail.attachments) {
    if (attachment.contentType === "message/rfc822") {
      // The attached message sits one level below its deepest part, as a reader would open it.
      if (structure.depth + 1 > depthLeft) throw new Refused("too-deep");
      const inner = await gather(attachment.content, depthLeft - structure.depth - 1, into, false);
      if (top) into.firstAttached ??= inner;
    } else if (attachment.contentType.startsWith("text/")) {
      into.texts.push(attachment.content.toString("utf8"));
    }
  }
  return mail;
}

/** The facts of one reported mail, or why it is refused. */
export async function mailFacts(raw: Buffer, limits: StructureLimits): Promise<ParseOutcome> {
  const gathered: Gathered = { texts: [], partsLeft: limits.maxParts };
  let mail: ParsedMail;
  try {
    mail = await gather(raw, limits.maxDepth, gathered);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
  const from = mail.from?.value[0]?.address;
  if (!from || (!mail.date && !mail.messageId && !mail.subject)) return { ok: false, refusal: "not-a-mail" };
  // The first attached message is the suspicious one; else the header block quoted inline.
  const attached = gathered.firstAttached;
  const quoted = attached ? {} : quotedHeaders(mail.text ?? "");
  const tokens = new Set<string>();
  for (const text of gathered.texts) {
    for (const token of drillTokensIn(text)) {
      if (tokens.size < MAX_TOKENS) tokens.add(token);
    }
  }
  return {
    ok: true,
    facts: {
      from: cut(from),
      sender: cut(attached?.from?.text ?? quoted.sender ?? mail.from?.text ?? from),
      subject: cut(attached?.subject ?? quoted.subject ?? originalSubject(mail.subject ?? "")),
      messageId: (attached?.messageId ?? mail.messageId)?.slice(0, MAX_LINE_CHARS) ?? null,
      inReplyTo: mail.inReplyTo?.slice(0, MAX_LINE_CHARS) ?? null,
      tokens: [...tokens],
    },
  };
}
