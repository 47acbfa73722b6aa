/**
 * Demo bulletins (お知らせ) and questions of the month, with read receipts
 * and answers from the demo city's staff at plausible rates, so that
 * `/reports/bulletins` has figures to show. Loaded by `npm run db:demo` (prisma/seed/load-demo.ts)
 * after the demo staff, whoever they are; never by `npm start`.
 *
 * The people who log in to the demo (DEMO_STAFF) have not read the newest
 * bulletin nor answered this month's question, so each of them finds
 * something on their home page; older ones they read like anybody else.
 */
import { CLI_ACTOR } from "~/domain/audit.ts";
import { addDays } from "~/domain/fiscal-year.ts";
import { monthOf, previousMonth } from "~/domain/monthly-question.ts";
import { db } from "~/lib/db.server.ts";
import { createBulletin } from "~/services/bulletins.server.ts";
import { setMonthlyQuestion } from "~/services/monthly-question.server.ts";
import { reaches, type BulletinAudience } from "~/domain/bulletin-audience.ts";
import { DEMO_STAFF } from "./demo.ts";

type DemoBulletin = {
  title: string;
  body: string;
  audience: BulletinAudience;
  /** Days before today it was published. */
  daysAgo: number | "firstOfLastMonth" | "firstOfThisMonth";
  mustConfirm: boolean;
  /** Share of the audience who read it, and (if it asks) confirmed it, by employee type. */
  read: Record<string, number>;
  confirmed: number;
  /** Still unread by the demo logins. */
  newest?: true;
};

const EVERYONE: BulletinAudience = { organisationIds: [], employeeTypeCodes: [], roles: [] };

export const DEMO_BULLETINS: DemoBulletin[] = [
  {
    title: "【情報セキュリティ通信】パスワードの使い回しをやめましょう",
    body: [
      "業務で使うパスワードを、私用のサービスと同じにしていませんか。",
      "",
      "- 業務用のパスワードは業務専用にする",
      "- 人に教えない、紙に書いて机に貼らない",
      "",
      "情報資産を守ることは、職員等の義務です [[4]]。",
    ].join("\n"),
    audience: EVERYONE,
    daysAgo: "firstOfLastMonth",
    mustConfirm: false,
    read: { regular: 0.92, reappointed: 0.88, "fiscal-year": 0.8, special: 0.65 },
    confirmed: 0,
  },
  {
    title: "会計年度任用職員の皆さんへ：私物のUSBメモリは使えません",
    body: [
      "業務用の端末に、私物のUSBメモリやスマートフォンをつながないでください。",
      "",
      "データの持ち出しや持ち込みが必要なときは、必ず所属の情報セキュリティ管理者に相談してください。",
      "人的セキュリティ対策として、すべての職員等に周知しています [[6(4)イ]]。",
    ].join("\n"),
    audience: { ...EVERYONE, employeeTypeCodes: ["fiscal-year"] },
    daysAgo: 10,
    mustConfirm: true,
    read: { "fiscal-year": 0.74 },
    confirmed: 0.85,
  },
  {
    title: "【情報セキュリティ通信】不審なメールの見分け方",
    body: [
      "最近、実在の事業者を装って請求書を送るメールが増えています。",
      "",
      "1. 差出人のアドレスが、いつもの相手と違わないか",
      "2. 急がせる言葉（「本日中に」「至急」）がないか",
      "3. 添付ファイルやリンクを開く前に、電話で相手に確かめたか",
      "",
      "開いてしまったら、ためらわずにすぐ報告してください。",
    ].join("\n"),
    audience: EVERYONE,
    daysAgo: "firstOfThisMonth",
    mustConfirm: true,
    read: { regular: 0.58, reappointed: 0.5, "fiscal-year": 0.41, special: 0.3 },
    confirmed: 0.9,
    newest: true,
  },
];

/** Questions of the month: last month's and this month's, from the bank, with the share answering correctly by type. */
export const DEMO_MONTHLY_QUESTIONS: {
  month: "last" | "this";
  questionId: string;
  answered: number;
  correct: Record<string, number>;
}[] = [
  {
    month: "last",
    questionId: "everyday-duties-11",
    answered: 0.62,
    correct: { regular: 0.81, reappointed: 0.77, "fiscal-year": 0.58, special: 0.7 },
  },
  {
    month: "this",
    questionId: "everyday-duties-01",
    answered: 0.35,
    correct: { regular: 0.86, reappointed: 0.8, "fiscal-year": 0.72, special: 0.75 },
  },
];

/** A fixed number in [0, 1) per person and purpose: the same demo every time. */
function draw(employeeNumber: string, purpose: string): number {
  let hash = 2166136261;
  for (const char of `${purpose}:${employeeNumber}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) / 2 ** 32;
}

/** Noon in Japan on a calendar day, plus `hours`. */
const at = (day: string, hours = 0) => new Date(Date.parse(`${day}T12:00:00+09:00`) + hours * 3_600_000);

/** Loads the demo bulletins and questions of the month into a database that has none. */
export async function loadDemoBulletins(today: string): Promise<void> {
  if ((await db.bulletin.count()) > 0 || (await db.monthlyQuestion.count()) > 0) return;
  const logins = new Set(DEMO_STAFF.map((p) => p.employeeNumber));
  const everyone = await db.staff.findMany({
    where: { active: true },
    select: { id: true, employeeNumber: true, organisationId: true, employeeTypeCode: true, role: true },
  });
  const withoutLogins = everyone.filter((p) => !logins.has(p.employeeNumber));

  for (const bulletin of DEMO_BULLETINS) {
    const publishOn =
      bulletin.daysAgo === "firstOfLastMonth"
        ? `${previousMonth(monthOf(today))}-01`
        : bulletin.daysAgo === "firstOfThisMonth"
          ? `${monthOf(today)}-01`
          : addDays(today, -bulletin.daysAgo);
    const created = await createBulletin(
      {
        title: bulletin.title,
        body: bulletin.body,
        publishOn,
        mustConfirm: bulletin.mustConfirm,
        byMail: false,
        ...bulletin.audience,
      },
      CLI_ACTOR,
    );
    if (!created.ok) throw new Error(created.error);
    const readers = (bulletin.newest ? withoutLogins : everyone).filter(
      (p) =>
        reaches(bulletin.audience, p) &&
        draw(p.employeeNumber, `read-${created.id}`) < (bulletin.read[p.employeeTypeCode] ?? 0),
    );
    const days = Math.max(1, Math.round((Date.parse(today) - Date.parse(publishOn)) / 86_400_000));
    await db.bulletinReceipt.createMany({
      data: readers.map((p) => {
        const readAt = at(publishOn, Math.floor(draw(p.employeeNumber, `when-${created.id}`) * days * 24));
        const confirms = bulletin.mustConfirm && draw(p.employeeNumber, `confirm-${created.id}`) < bulletin.confirmed;
        return { bulletinId: created.id, staffId: p.id, readAt, confirmedAt: confirms ? readAt : null };
      }),
    });
  }

  for (const question of DEMO_MONTHLY_QUESTIONS) {
    const month = question.month === "this" ? monthOf(today) : previousMonth(monthOf(today));
    const set = await setMonthlyQuestion(CLI_ACTOR, { month, questionId: question.questionId }, today);
    if (!set.ok) throw new Error(set.error);
    const saved = await db.monthlyQuestion.findUniqueOrThrow({ where: { month } });
    const { choices, answer } = saved.question as { choices: { id: string }[]; answer: string[] };
    const wrong = choices.map((c) => c.id).filter((id) => !answer.includes(id));
    const answering = (question.month === "this" ? withoutLogins : everyone).filter(
      (p) => draw(p.employeeNumber, `answer-${month}`) < question.answered,
    );
    await db.monthlyAnswer.createMany({
      data: answering.map((p) => {
        const correct = draw(p.employeeNumber, `correct-${month}`) < (question.correct[p.employeeTypeCode] ?? 0);
        const choiceId = correct
          ? answer[0]!
          : wrong[Math.floor(draw(p.employeeNumber, `wrong-${month}`) * wrong.length)]!;
        const answeredAt = at(question.month === "this" ? today : `${month}-15`, -3);
        return { monthlyQuestionId: saved.id, staffId: p.id, choiceId, correct, answeredAt };
      }),
    });
  }
}
