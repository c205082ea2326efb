/** The admin area's messages (広域連合の事務局). Loaded with the admin chunk only. */
export const ja = {
  'home.title': '市町村の一覧',
  'home.intro': '連合に参加している{count}市町村の状況です（今週: {week}）。',
  'home.empty': 'まだ市町村が登録されていません。',
  'home.caption': '市町村ごとの創業者の数と学習の状況',
  'home.col.tenant': '市町村',
  'home.col.code': '団体コード',
  'home.total': '合計',
  'home.scrollHint': '表は横にスクロールできます。',
} as const;

export type AdminKey = keyof typeof ja;
