/** Messages shared by the staff, advisor and admin areas (loaded with them, never with the learner's first page). */
export const ja = {
  'denied.title': 'このページを見る権限がありません',
  'denied.body.staff': 'このページは市町村の創業支援担当者のためのページです。',
  'denied.body.staffTenant': 'このページは市町村（団体コード {tenant}）の創業支援担当者のためのページです。',
  'denied.body.advisor': 'このページは経営指導員のためのページです。',
  'denied.body.admin': 'このページは広域連合の事務局のためのページです。',
  'denied.help': '必要な場合は、市町村または広域連合の担当者に権限の追加を依頼してください。',
  'denied.goTo': 'あなたが使える画面',
  'figure.founders': '登録した創業者',
  'figure.activeToday': '今日学習した人',
  'figure.activeThisWeek': '今週学習した人',
  'figure.courseCompleted': '講座を修了した人',
  'figure.eligible': '市町村の要件を満たす人',
  'figure.oneAreaShort': 'あと1分野で要件を満たす人',
  'figure.people': '{count}人',
  'week': '{year}年 第{week}週',
  'asOf': '{date} 時点',
} as const;

export type RolesKey = keyof typeof ja;
