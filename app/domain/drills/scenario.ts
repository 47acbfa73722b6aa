/**
 * Drill scenarios (訓練シナリオ): the fake targeted-attack mails of
 * content/drills/*.yaml, read and checked like the rest of the content, and
 * rendered for one person. Pure: the caller reads the files and sends the mail.
 */
import { z } from "zod";
import { lineAt, readYaml, validated, type YamlSource } from "../content/parse.ts";
import type { ContentFile, ContentProblem } from "../content/types.ts";

export type DrillLinkKind = "link" | "attachment" | "sign-in";
export type RedFlagPart = "sender" | "subject" | "body" | "link";

export type DrillScenario = {
  /** The file name without .yaml. */
  id: string;
  /** For HR's list of scenarios. */
  title: string;
  /** The policy clause the drill exercises. */
  clause: string;
  sender: { name: string; address: string };
  subject: string;
  /** `attachment`: the text looks like a file name, and clicking counts as opening it. */
  link: { text: string; kind: DrillLinkKind };
  /** Japanese, with the placeholders {{氏名}} {{所属}} {{職員番号}} and {{URL}} (the person's own link). */
  body: { text: string; html: string };
  /** `quote` is an exact substring of its part (of body.text for `body`). */
  redFlags: { part: RedFlagPart; quote: string; explanation: string }[];
  /** What to do next time, as short sentences. */
  nextTime: string[];
};

export type DrillPerson = { name: string; organisation: string; employeeNumber: string };

export type RenderedDrillMail = { subject: string; fromName: string; fromAddress: string; text: string; html: string };

export const DRILL_LINK_KINDS = ["link", "attachment", "sign-in"] as const satisfies readonly DrillLinkKind[];
export const RED_FLAG_PARTS = ["sender", "subject", "body", "link"] as const satisfies readonly RedFlagPart[];

/** Placeholders a scenario may use, and the person's value each stands for. */
const PERSON_PLACEHOLDERS = {
  氏名: (p: DrillPerson) => p.name,
  所属: (p: DrillPerson) => p.organisation,
  職員番号: (p: DrillPerson) => p.employeeNumber,
} as const;
const URL_PLACEHOLDER = "URL";
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
/**
 * {{組織:council}}: the name the city's settings give the organisation with
 * that id (議会局 in one city, 議会事務局 in another), so that a mail and its
 * teaching page name the body that really exists. Allowed wherever people
 * read the scenario: sender name, subject, bodies, explanations, next time.
 */
const ORGANISATION_PLACEHOLDER = /^組織:([a-z0-9][a-z0-9-]*)$/;
/** What {{組織:id}} becomes in a city without that organisation. */
const UNKNOWN_ORGANISATION = "担当部署";

/** The organisation ids a scenario's {{組織:id}} placeholders name. */
export function organisationIdsIn(s: Pick<DrillScenario, "sender" | "subject" | "body" | "redFlags" | "nextTime">) {
  const texts = [
    s.sender.name,
    s.subject,
    s.body.text,
    s.body.html,
    ...s.redFlags.map((f) => f.explanation),
    ...s.nextTime,
  ];
  return [
    ...new Set(
      texts.flatMap((text) =>
        placeholdersIn(text).flatMap(({ name }) => {
          const id = ORGANISATION_PLACEHOLDER.exec(name)?.[1];
          return id ? [id] : [];
        }),
      ),
    ),
  ];
}

/** `text` with each {{組織:id}} replaced by the city's name for it (organisation id → name). */
export function fillOrganisations(text: string, organisations: ReadonlyMap<string, string>): string {
  return fill(text, (name) => organisationName(name, organisations));
}

function organisationName(placeholder: string, organisations: ReadonlyMap<string, string>): string | undefined {
  const id = ORGANISATION_PLACEHOLDER.exec(placeholder)?.[1];
  return id === undefined ? undefined : (organisations.get(id) ?? UNKNOWN_ORGANISATION);
}

/** The scenario's explanations and next-time lines with the city's organisation names, as its teaching page shows them. */
export function scenarioForCity(s: DrillScenario, organisations: ReadonlyMap<string, string>): DrillScenario {
  return {
    ...s,
    redFlags: s.redFlags.map((f) => ({ ...f, explanation: fillOrganisations(f.explanation, organisations) })),
    nextTime: s.nextTime.map((line) => fillOrganisations(line, organisations)),
  };
}

/**
 * The only tags a scenario's HTML body may use: enough for a business mail,
 * and nothing that runs, loads or styles anything (no script, img, style,
 * form, no attributes but an anchor's href).
 */
const ALLOWED_TAGS = new Set(["p", "br", "a", "strong", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"]);
const VOID_TAGS = new Set(["br"]);

/**
 * Sender domains must be names reserved for examples (RFC 2606, RFC 6761 and
 * JPRS's example.jp), so that no scenario ever impersonates a real company
 * or a real city, and a drill mail that leaks outside cannot be answered.
 */
const RESERVED_DOMAIN = /(^|\.)(example|test|invalid|localhost|example\.(com|net|org|jp))$/i;

const nonEmpty = z.string().trim().min(1, "must not be empty");
const ScenarioFile = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and hyphens"),
    title: nonEmpty,
    // An unquoted clause such as 4 reads as a number in YAML.
    clause: z.coerce.string().pipe(nonEmpty),
    sender: z
      .object({
        name: nonEmpty,
        address: z
          .string()
          .regex(/^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$/, "must be a mail address")
          .refine((a) => RESERVED_DOMAIN.test(a.split("@")[1] ?? ""), {
            message: "must use a domain reserved for examples (…example, …test, …invalid, example.com/.net/.org/.jp)",
          }),
      })
      .strict(),
    subject: nonEmpty,
    link: z.object({ text: nonEmpty, kind: z.enum(DRILL_LINK_KINDS) }).strict(),
    body: z.object({ text: nonEmpty, html: nonEmpty }).strict(),
    redFlags: z
      .array(z.object({ part: z.enum(RED_FLAG_PARTS), quote: nonEmpty, explanation: nonEmpty }).strict())
      .min(1, "must name at least one red flag"),
    nextTime: z.array(nonEmpty).min(1, "must say at least one thing to do next time"),
  })
  .strict();

type ScenarioData = z.infer<typeof ScenarioFile>;

/** The text a red flag of each part is quoted from. */
function redFlagPartText(s: Pick<DrillScenario, "sender" | "subject" | "body" | "link">, part: RedFlagPart) {
  switch (part) {
    case "sender":
      return `${s.sender.name} <${s.sender.address}>`;
    case "subject":
      return s.subject;
    case "body":
      return s.body.text;
    case "link":
      return s.link.text;
  }
}

/** The file's scenario id: its name without the folder and .yaml. */
export function drillScenarioId(file: string): string {
  return file.replace(/^.*\//, "").replace(/\.ya?ml$/, "");
}

/** True for a scenario file of content/: drills/<id>.yaml. */
export function isDrillScenarioPath(path: string): boolean {
  return /^drills\/[^/]+\.ya?ml$/.test(path);
}

/** The line of `index` inside the string at `path`, counting a block scalar's header line. */
function lineInText(source: YamlSource, path: (string | number)[], text: string, index: number): number {
  const node = source.doc.getIn(path, true) as { type?: string } | undefined;
  const block = node?.type === "BLOCK_LITERAL" || node?.type === "BLOCK_FOLDED" ? 1 : 0;
  return lineAt(source, path) + block + text.slice(0, Math.max(0, index)).split("\n").length - 1;
}

/** Problems in an HTML body, each at its offset: only ALLOWED_TAGS, balanced, anchors to {{URL}} only. */
export function drillHtmlProblems(html: string): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  const open: { name: string; index: number }[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=<>"'/]+(?:\s*=\s*"[^"<>]*")?)*)\s*(\/?)>/y;
  for (let i = 0; i < html.length; i++) {
    const char = html[i];
    if (char === "&") {
      if (!/^&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/.test(html.slice(i, i + 12))) {
        problems.push({ index: i, message: "HTML: a bare & (write &amp;)" });
      }
      continue;
    }
    if (char !== "<") continue;
    tag.lastIndex = i;
    const match = tag.exec(html);
    if (!match) {
      const what = html.startsWith("<!--", i) ? "an HTML comment" : "a bare < or a malformed tag (write &lt;)";
      problems.push({ index: i, message: `HTML: ${what}` });
      continue;
    }
    const [whole, closing, rawName, attributes] = match as unknown as [string, string, string, string];
    const name = rawName.toLowerCase();
    i += whole.length - 1;
    if (!ALLOWED_TAGS.has(name)) {
      problems.push({
        index: match.index,
        message: `HTML: <${name}> is not allowed (only ${[...ALLOWED_TAGS].join(", ")})`,
      });
      continue;
    }
    if (closing) {
      const top = open.pop();
      if (top?.name !== name) {
        problems.push({ index: match.index, message: `HTML: </${name}> closes ${top ? `<${top.name}>` : "nothing"}` });
        if (top) open.push(top);
      }
      continue;
    }
    const attributeList = [...attributes.matchAll(/([^\s=<>"'/]+)(?:\s*=\s*"([^"]*)")?/g)];
    for (const [, attribute, value] of attributeList) {
      if (name === "a" && attribute!.toLowerCase() === "href") {
        if (value !== `{{${URL_PLACEHOLDER}}}`) {
          problems.push({ index: match.index, message: `HTML: a link must point to {{URL}}, not "${value ?? ""}"` });
        }
      } else {
        problems.push({ index: match.index, message: `HTML: attribute ${attribute} is not allowed on <${name}>` });
      }
    }
    if (name === "a" && !attributeList.some(([, attribute]) => attribute!.toLowerCase() === "href")) {
      problems.push({ index: match.index, message: 'HTML: a link must have href="{{URL}}"' });
    }
    if (name === "a" && open.some((t) => t.name === "a")) {
      problems.push({ index: match.index, message: "HTML: a link inside a link" });
    }
    if (!VOID_TAGS.has(name)) open.push({ name, index: match.index });
  }
  for (const unclosed of open)
    problems.push({ index: unclosed.index, message: `HTML: <${unclosed.name}> is never closed` });
  return problems;
}

/** The text of each <a> of an HTML body, tags removed and entities left as written. */
function anchorTexts(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/gi)].map((m) => m[1]!.replace(/<[^>]*>/g, "").trim());
}

/** Every placeholder in `text`, with its offset. */
function placeholdersIn(text: string): { name: string; index: number }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, index: m.index }));
}

function checkScenario(data: ScenarioData, source: YamlSource): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = (path: (string | number)[], message: string) =>
    problems.push({ file: source.file, line: lineAt(source, path), message });
  const atText = (path: (string | number)[], text: string, index: number, message: string) =>
    problems.push({ file: source.file, line: lineInText(source, path, text, index), message });

  const expected = drillScenarioId(source.file);
  if (data.id !== expected) at(["id"], `id "${data.id}" must match the file name "${expected}"`);

  // Placeholders: the person's in subject and body; the link only in the body.
  const known = new Set<string>(Object.keys(PERSON_PLACEHOLDERS));
  const templates: { path: (string | number)[]; text: string; url: boolean }[] = [
    { path: ["subject"], text: data.subject, url: false },
    { path: ["body", "text"], text: data.body.text, url: true },
    { path: ["body", "html"], text: data.body.html, url: true },
  ];
  for (const { path, text, url } of templates) {
    for (const { name, index } of placeholdersIn(text)) {
      if (name === URL_PLACEHOLDER && !url)
        atText(path, text, index, `${path.join(".")}: {{URL}} belongs in the body only`);
      else if (name !== URL_PLACEHOLDER && !known.has(name) && !ORGANISATION_PLACEHOLDER.test(name)) {
        atText(
          path,
          text,
          index,
          `${path.join(".")}: unknown placeholder {{${name}}} (known: ${[...known, URL_PLACEHOLDER, "組織:<id>"].map((k) => `{{${k}}}`).join(" ")})`,
        );
      }
    }
    const stray = text.replace(PLACEHOLDER, "").search(/\{\{|\}\}/);
    if (stray >= 0) at(path, `${path.join(".")}: unmatched {{ or }}`);
    if (url && !placeholdersIn(text).some((p) => p.name === URL_PLACEHOLDER)) {
      at(path, `${path.join(".")}: must contain {{URL}}, the person's drill link`);
    }
  }
  // Read by people but not about one person: only the city's organisation names.
  const cityOnly: { path: (string | number)[]; text: string }[] = [
    { path: ["sender", "name"], text: data.sender.name },
    ...data.redFlags.map((f, i) => ({ path: ["redFlags", i, "explanation"], text: f.explanation })),
    ...data.nextTime.map((line, i) => ({ path: ["nextTime", i], text: line })),
  ];
  for (const { path, text } of cityOnly) {
    for (const { name, index } of placeholdersIn(text)) {
      if (!ORGANISATION_PLACEHOLDER.test(name))
        atText(path, text, index, `${path.join(".")}: only {{組織:<id>}} may be used here, not {{${name}}}`);
    }
    if (text.replace(PLACEHOLDER, "").search(/\{\{|\}\}/) >= 0) at(path, `${path.join(".")}: unmatched {{ or }}`);
  }
  const plain: { path: (string | number)[]; text: string }[] = [
    { path: ["title"], text: data.title },
    { path: ["link", "text"], text: data.link.text },
    ...data.redFlags.map((f, i) => ({ path: ["redFlags", i, "quote"], text: f.quote })),
  ];
  for (const { path, text } of plain) {
    if (/\{\{|\}\}/.test(text)) at(path, `${path.join(".")}: placeholders belong in the subject and body only`);
  }

  for (const { index, message } of drillHtmlProblems(data.body.html)) {
    atText(["body", "html"], data.body.html, index, `body.html: ${message.replace(/^HTML: /, "")}`);
  }
  if (!anchorTexts(data.body.html).includes(data.link.text.trim())) {
    at(["body", "html"], `body.html: needs a link <a href="{{URL}}">${data.link.text}</a> showing the link text`);
  }

  // Each quote is found in its part, and quotes of one part do not overlap, so
  // that every one can be marked on the picture of the mail.
  const spans = new Map<RedFlagPart, { start: number; end: number; flag: number }[]>();
  data.redFlags.forEach((flag, i) => {
    const start = redFlagPartText(data, flag.part).indexOf(flag.quote);
    if (start < 0) {
      at(
        ["redFlags", i, "quote"],
        `redFlags.${i}.quote: "${flag.quote}" is not in the ${flag.part}${flag.part === "body" ? " (body.text)" : ""}`,
      );
      return;
    }
    const end = start + flag.quote.length;
    const partSpans = spans.get(flag.part) ?? [];
    const other = partSpans.find((s) => start < s.end && s.start < end);
    if (other)
      at(["redFlags", i, "quote"], `redFlags.${i}.quote overlaps red flag ${other.flag + 1} in the ${flag.part}`);
    partSpans.push({ start, end, flag: i });
    spans.set(flag.part, partSpans);
  });
  return problems;
}

function toScenario(data: ScenarioData): DrillScenario {
  return {
    id: data.id,
    title: data.title.trim(),
    clause: data.clause.trim(),
    sender: { name: data.sender.name.trim(), address: data.sender.address },
    subject: data.subject.trim(),
    link: { text: data.link.text.trim(), kind: data.link.kind },
    body: { text: data.body.text.trimEnd(), html: data.body.html.trim() },
    redFlags: data.redFlags.map((f) => ({ part: f.part, quote: f.quote, explanation: f.explanation.trim() })),
    nextTime: data.nextTime.map((line) => line.trim()),
  };
}

function readScenario(source: string, file: string) {
  const problems: ContentProblem[] = [];
  const yaml = readYaml(file, source, 0, problems);
  const data = yaml && validated(yaml, ScenarioFile, problems);
  if (!yaml || !data) return { problems };
  // Quotes are checked against the text as stored, so trim it first.
  const scenario = toScenario(data);
  problems.push(...checkScenario({ ...data, ...scenario }, yaml));
  return { scenario: problems.length === 0 ? scenario : undefined, problems, yaml };
}

/**
 * Reads one scenario file, collecting every problem with its line: YAML,
 * required fields, link kind, placeholders, {{URL}} in both bodies, the HTML
 * tag set, red-flag quotes, and id = file name. The clause is checked against
 * the policy by checkDrillScenarios. `scenario` is set only without problems.
 */
export function parseDrillScenario(
  source: string,
  file: string,
): { scenario?: DrillScenario; problems: ContentProblem[] } {
  const { scenario, problems } = readScenario(source, file);
  return scenario ? { scenario, problems } : { problems };
}

/**
 * Reads every scenario of content/drills and checks what needs the rest of the
 * content: each scenario's clause must be one of `clauseIds`.
 */
export function checkDrillScenarios(
  files: readonly ContentFile[],
  clauseIds: ReadonlySet<string>,
  /** The organisation ids of content/city.yaml, when known: each {{組織:id}} must be one. */
  organisationIds?: ReadonlySet<string>,
): { scenarios: DrillScenario[]; problems: ContentProblem[] } {
  const scenarios: DrillScenario[] = [];
  const problems: ContentProblem[] = [];
  const seen = new Map<string, string>();
  for (const file of [...files]
    .filter((f) => isDrillScenarioPath(f.path))
    .sort((a, b) => a.path.localeCompare(b.path))) {
    const read = readScenario(file.text, file.path);
    problems.push(...read.problems);
    const id = drillScenarioId(file.path);
    const previous = seen.get(id);
    if (previous) problems.push({ file: file.path, line: 1, message: `scenario id "${id}" is also ${previous}` });
    seen.set(id, file.path);
    const data = read.yaml?.doc.toJS() as { clause?: unknown } | undefined;
    const clause = data?.clause === undefined ? undefined : String(data.clause).trim();
    if (read.yaml && clause && !clauseIds.has(clause)) {
      problems.push({
        file: file.path,
        line: lineAt(read.yaml, ["clause"]),
        message: `clause "${clause}" is not in the policy`,
      });
    } else if (read.scenario && !previous) {
      const unknown = organisationIds ? organisationIdsIn(read.scenario).filter((id) => !organisationIds.has(id)) : [];
      for (const id of unknown)
        problems.push({ file: file.path, line: 1, message: `{{組織:${id}}}: no organisation "${id}" in city.yaml` });
      if (unknown.length === 0) scenarios.push(read.scenario);
    }
  }
  return { scenarios, problems };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function fill(template: string, value: (name: string) => string | undefined): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => value(name) ?? whole);
}

/**
 * The drill mail as `person` receives it, with `url` as their own link.
 * Person values are HTML-escaped in the HTML body (a name written <script>
 * stays text) and put on one line in the subject (a line break in a header
 * would start a new header).
 */
export function renderDrillMail(
  s: DrillScenario,
  person: DrillPerson,
  url: string,
  /** The city's organisation names by id, for {{組織:id}}. */
  organisations: ReadonlyMap<string, string> = new Map(),
): RenderedDrillMail {
  if (!/^https?:\/\/[^\s"'<>]+$/.test(url)) throw new Error(`renderDrillMail: not an http(s) link: ${url}`);
  const value = (name: string) =>
    name === URL_PLACEHOLDER
      ? url
      : name in PERSON_PLACEHOLDERS
        ? PERSON_PLACEHOLDERS[name as keyof typeof PERSON_PLACEHOLDERS](person)
        : organisationName(name, organisations);
  const oneLine = (name: string) => value(name)?.replace(/\p{Cc}+/gu, " ");
  const escaped = (name: string) => {
    const v = value(name);
    return v === undefined ? undefined : escapeHtml(v);
  };
  return {
    subject: fill(s.subject, oneLine),
    fromName: fill(s.sender.name, oneLine),
    fromAddress: s.sender.address,
    text: fill(s.body.text, value),
    html: fill(s.body.html, escaped),
  };
}
