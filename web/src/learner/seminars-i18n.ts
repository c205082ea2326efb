import { locale, translator } from '../i18n/index.ts';

// The founder's side of the blended seminars (home's sessions and make-ups, the check-in page, how a session counts in
// the evidence record). Kept out of the first load's dictionary: only the lazy chunks that show them carry these.

const ja = {
  'assign.title': '取り組む課題',
  'assign.makeup': '補講：{title}',
  'assign.from': '{name}さんからの課題',
  'assign.due': '期限：{date}',
  'assign.overdue': '期限を過ぎています',
  'assign.dueSoon': 'まもなく期限',
  'assign.makeupWhy': '欠席した回の内容を、次のモジュールで学習してください。修了すると補講が済みます。',
  'assign.moduleDone': '修了',
  'assign.moduleOpen': '未修了',
  'assign.done': '済んだ課題（{count}件）',
  'assign.consult': 'この課題について経営指導員に相談を予約する',
  'assign.doneOn': '（{date}に完了）',
  'sessions.title': '講座の予定',
  'sessions.when': '{date} {start}〜{end}',
  'sessions.place': '会場：{place}',
  'sessions.online': 'オンライン参加のリンク',
  'sessions.calendar': 'カレンダーに追加',
  'sessions.about': '{action}：{title}',
  'sessions.cannotCome': '参加できない',
  'sessions.canCome': 'やはり参加できる',
  'sessions.excused': '欠席の連絡をしました。後日、この回の補講（eラーニング）が割り当てられます。',
  'sessions.scan': 'チェックインを受け付けています。会場の画面のQRコードをスマートフォンで読み取ってください。',
  'sessions.present': '出席を記録しました。',
  'sessions.saving': '送信しています…',
  'checkin.title': '講座への出席',
  'checkin.sending': '出席を記録しています…',
  'checkin.done': '出席を記録しました',
  'checkin.already': 'この回の出席はすでに記録されています。',
  'checkin.noCode': 'チェックインのコードが見つかりません。会場の画面のQRコードをもう一度読み取ってください。',
  'checkin.home': 'ホームに戻る',
  'evidence.mode.in_person': '会場で出席',
  'evidence.mode.online': 'オンラインで出席',
  'evidence.mode.makeup': '補講で代替',
} as const;

export type SeminarKey = keyof typeof ja;

const en: Record<SeminarKey, string> = {
  'assign.title': 'Your assignments',
  'assign.makeup': 'Make-up: {title}',
  'assign.from': 'Assigned by {name}',
  'assign.due': 'Due {date}',
  'assign.overdue': 'Overdue',
  'assign.dueSoon': 'Due soon',
  'assign.makeupWhy': 'Study the session’s content with these modules. Completing them completes the make-up.',
  'assign.moduleDone': 'completed',
  'assign.moduleOpen': 'not completed',
  'assign.done': 'Completed assignments ({count})',
  'assign.consult': 'Book a consultation with your advisor about this assignment',
  'assign.doneOn': ' (completed on {date})',
  'sessions.title': 'Upcoming sessions',
  'sessions.when': '{date}, {start}–{end}',
  'sessions.place': 'Venue: {place}',
  'sessions.online': 'Link to join online',
  'sessions.calendar': 'Add to calendar',
  'sessions.about': '{action}: {title}',
  'sessions.cannotCome': 'I can’t come',
  'sessions.canCome': 'I can come after all',
  'sessions.excused': 'You said you can’t come. A make-up (e-learning) for this session will be assigned to you afterwards.',
  'sessions.scan': 'Check-in is open. Scan the QR code on the screen at the venue with your phone.',
  'sessions.present': 'You are marked present.',
  'sessions.saving': 'Sending…',
  'checkin.title': 'Seminar check-in',
  'checkin.sending': 'Recording your attendance…',
  'checkin.done': 'You are marked present',
  'checkin.already': 'Your attendance at this session was already recorded.',
  'checkin.noCode': 'No check-in code was found. Scan the QR code on the screen at the venue again.',
  'checkin.home': 'Back to home',
  'evidence.mode.in_person': 'Attended at the venue',
  'evidence.mode.online': 'Attended online',
  'evidence.mode.makeup': 'Made up',
};

export const sm = translator<SeminarKey>({ ja, en });

const jst = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale() === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', ...o });
/** A session's day and hours in Japan time: 「2026年12月10日(木) 18:30〜20:30」. */
export function sessionWhen(s: { startsAt: string; endsAt: string }): string {
  const date = jst({ year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(new Date(s.startsAt));
  const time = (iso: string) => jst({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return sm('sessions.when', { date, start: time(s.startsAt), end: time(s.endsAt) });
}
