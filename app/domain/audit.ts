/** The administrative actions the audit log records, with their labels. */
export const AUDIT_ACTIONS = {
  "staff.create": "職員の登録",
  "staff.update": "職員情報の変更",
  "staff.role-change": "役割の変更",
  "staff.deactivate": "職員の無効化（退職・任用終了）",
  "staff.reactivate": "職員の再有効化",
  "staff.password-reset": "初期パスワードの発行",
  "staff.unlock": "ロックの解除",
  "staff.sign-out-everywhere": "全端末からのログアウト",
  "staff.import": "職員CSVの取り込み",
  "staff.directory-sync": "ディレクトリからの職員同期",
  "assignments.rollover": "年度の研修割当（年度更新）",
  "assignments.extend-due": "研修期限の延長",
  "assignments.delta": "差分再研修の割当",
  "report.export": "レポートのCSV出力",
  "city.update": "市の設定の変更",
  "content.draft-edit": "教材の下書きの編集",
  "content.draft-submit": "教材の下書きの承認依頼",
  "content.draft-discard": "教材の下書きの破棄",
  "content.publish": "教材の公開",
  "content.export": "教材の書き出し",
  "content.upgrade-publish": "同梱の新しい版の公開（アップグレード）",
  "content.upgrade-draft": "同梱の新しい版を下書きに（アップグレード）",
  "drill.create": "訓練の作成",
  "drill.update": "訓練の変更",
  "drill.launch": "訓練の開始（送信予約）",
  "drill.end": "訓練の終了",
  "drill.export": "訓練結果のCSV出力",
  "mail-report.triage": "不審メール報告の対応",
  "report.remind": "期限超過者へのリマインダー送信",
  "bulletin.create": "お知らせの発信",
  "monthly-question.set": "今月の一問の設定",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && value in AUDIT_ACTIONS;
}

/** Who did something, and from where: a client address, or "cli". */
export type Actor = { staffId: number | null; address: string };

export const CLI_ACTOR: Actor = { staffId: null, address: "cli" };
