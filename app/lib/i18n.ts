/**
 * Every string the UI shows, in one catalogue. Japanese is the product's
 * language; an English catalogue can be added beside `ja` with the same keys.
 */
const ja = {
  "app.name": "守り",
  "app.tagline": "情報セキュリティ研修",
  "app.skipToContent": "本文へ移動",
  "nav.home": "ホーム",
  "nav.logout": "ログアウト",
  "nav.signedInAs": "{name}さん（{role}）",

  "login.title": "ログイン",
  "login.lead": "職員番号とパスワードを入力してください。",
  "login.employeeNumber": "職員番号",
  "login.employeeNumberHint": "全角数字でも入力できます。",
  "login.password": "パスワード",
  "login.submit": "ログイン",
  "login.failed": "職員番号またはパスワードが正しくありません。",
  "login.required": "職員番号とパスワードを入力してください。",

  "role.LEARNER": "職員",
  "role.MANAGER": "情報セキュリティ管理者",
  "role.HR": "研修担当",
  "role.ADMIN": "システム管理者",

  "home.title": "ようこそ、{name}さん",
  "home.profile": "あなたの登録情報",
  "home.employeeNumber": "職員番号",
  "home.organisation": "所属",
  "home.section": "課",
  "home.employeeType": "任用形態",
  "home.role": "役割",
  "home.noSection": "（課の登録なし）",
  "home.LEARNER": "あなたに割り当てられた情報セキュリティ研修を受講できます。",
  "home.MANAGER": "研修の受講に加えて、{organisation}の職員の受講状況を確認できます。",
  "home.HR": "職員名簿の管理、研修の期限設定、受講状況レポートの閲覧ができます。",
  "home.ADMIN": "研修教材の公開、役割の設定、監査ログの確認ができます。",

  "error.title": "エラーが発生しました",
  "error.notFound": "ページが見つかりません。",
  "error.forbidden": "このページを表示する権限がありません。",
  "error.unexpected": "予期しないエラーが発生しました。時間をおいて再度お試しください。",
  "error.backHome": "ホームへ戻る",
} as const;

export type MessageKey = keyof typeof ja;
export type MessageParams = Record<string, string | number>;

/** The Japanese text for `key`, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return ja[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
