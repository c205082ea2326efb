/** The advisor area's messages (経営指導員). Loaded with the advisor chunk only. */
export const ja = {
  'home.title': '担当している創業者',
  'home.intro': 'あなたが担当している創業者の学習状況です（{count}人）。',
  'home.empty': '担当している創業者はまだいません。市町村の担当者に、担当の割り当てを依頼してください。',
  'home.filter': '市町村で絞り込む',
  'home.allTenants': 'すべての市町村',
  'home.order': '連絡を優先したい順（{count}人）',
  'attention.label': '連絡したい理由',
  'attention.overdue': '期限を過ぎた課題があります',
  'attention.overdueCount': '期限切れの課題 {count}件',
  'attention.plan_waiting': '創業計画書があなたの確認を待っています',
  'attention.due_soon': '1週間以内に期限の課題があります',
  'attention.never_started': 'まだ学習を始めていません',
  'attention.quiet': '14日以上学習していません',
  'attention.one_area_short': 'あと1分野で要件を満たします',
  'card.lastActive': '最終学習日',
  'card.never': 'まだ学習していません',
  'card.modules': '修了したモジュール',
  'card.modulesValue': '{count}',
  'card.areas': '修了した分野',
  'card.noAreas': 'まだありません',
  'card.eligible': '市町村の要件',
  'card.eligibleYes': '満たしています',
  'card.eligibleOneShort': 'あと1分野で満たします',
  'card.eligibleNo': 'まだ満たしていません',
} as const;

export type AdvisorKey = keyof typeof ja;
