/**
 * One English name for each Japanese domain word, used in code, schema and
 * tests. Add a word here before using a new English name for it.
 */
export const GLOSSARY = {
  年度: "fiscal year",
  任用形態: "employee type",
  常勤職員: "regular staff",
  再任用職員: "reappointed staff",
  会計年度任用職員: "fiscal-year staff",
  特別職: "special-service staff",
  職員番号: "employee number",
  職員等: "staff",
  対象組織: "organisation",
  課: "section",
  任用期間: "appointment period",
  研修コース: "track",
  誓約: "pledge",
  修了: "completed",
  期限超過: "overdue",
  差分再研修: "delta retraining",
  修了証: "certificate",
  条項: "clause",
  情報セキュリティ管理者: "manager (role MANAGER)",
  研修担当: "HR (role HR)",
  システム管理者: "administrator (role ADMIN)",
  訓練シナリオ: "drill scenario",
  不審な点: "red flag",
  担当: "duty (Staff.duties: system-admin, executive)",
  情報システム担当: "system administrator (duty system-admin, not the role ADMIN)",
  幹部職員: "executive (duty executive)",
  改定日: "revised (the policy's revision date, optional)",
  編集注: "editorial (a heading Mamori added to the policy)",
} as const;
