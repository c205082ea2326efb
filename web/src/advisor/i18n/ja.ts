/** The advisor area's messages (経営指導員). Loaded with the advisor chunk only. */
export const ja = {
  'home.title': '担当している創業者',
  'home.intro': 'あなたが担当している創業者の学習状況です（{count}人）。',
  'home.empty': '担当している創業者はまだいません。市町村の担当者に、担当の割り当てを依頼してください。',
  'home.inTenant': '{tenant}（{count}人）',
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
