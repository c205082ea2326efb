/** When a founder who has gone quiet gets a gentle reminder, and how often at most. */
export interface ReminderRule { inactiveDays: number; repeatDays: number }
export const DEFAULT_REMINDER_RULE: ReminderRule = { inactiveDays: 7, repeatDays: 14 };

export interface ReminderSubject { joinedAt: string; lastActiveAt: string | null; remindedAt?: string | null; completedLessons: number; totalLessons: number }

/** Due when inactive for `inactiveDays` (since joining, if never active), not reminded within `repeatDays`, and not finished. */
export function reminderDue(s: ReminderSubject, now: Date, rule: ReminderRule = DEFAULT_REMINDER_RULE): boolean {
  if (s.totalLessons > 0 && s.completedLessons >= s.totalLessons) return false;
  const day = 86_400_000;
  const last = Date.parse(s.lastActiveAt ?? s.joinedAt);
  if (now.getTime() - last < rule.inactiveDays * day) return false;
  return !s.remindedAt || now.getTime() - Date.parse(s.remindedAt) >= rule.repeatDays * day;
}

/** The reminder text, in the founder's language. Only the name and a link: no progress details travel by mail. */
export function reminderMail(o: { name: string; locale: 'ja' | 'en'; tenantName: string; siteUrl: string }): { subject: string; text: string } {
  if (o.locale === 'en') {
    return {
      subject: 'Sōgyō Campus: pick up where you left off',
      text: `Dear ${o.name},\n\nIt has been a while since your last lesson on Sōgyō Campus. A few minutes on your phone is enough to take the next step:\n${o.siteUrl}/\n\nQuestions about your plans? Your municipality (${o.tenantName}) and your business advisor are there to help.\n\n— Sōgyō Campus (this message is sent automatically; please do not reply)\n`,
    };
  }
  return {
    subject: '【創業キャンパス】学習の続きはいかがですか',
    text: `${o.name} 様\n\n創業キャンパスでの前回の学習から、しばらく時間が空いています。スマートフォンで数分あれば、次のレッスンに進めます。\n${o.siteUrl}/\n\n創業の準備で気になることがあれば、${o.tenantName}の創業支援窓口や担当の経営指導員にご相談ください。\n\n創業キャンパス（このメールは自動送信です。返信はできません）\n`,
  };
}

/** Which reminder an open assignment is due today, if any: two days ahead (today included), or once it is overdue. */
export function assignmentReminderDue(dueOn: string, today: string, sent: { dueSoon: boolean; overdue: boolean }): 'due_soon' | 'overdue' | null {
  const days = (Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  if (days < 0) return sent.overdue ? null : 'overdue';
  if (days < 2) return sent.dueSoon || sent.overdue ? null : 'due_soon';
  return null;
}

/** An assignment reminder: the modules, the due day, from whom; no progress details. */
export function assignmentReminderMail(o: {
  kind: 'due_soon' | 'overdue'; name: string; locale: 'ja' | 'en'; modules: string[]; dueOn: string; from: string; siteUrl: string;
}): { subject: string; text: string } {
  const list = o.modules.map((m) => `・${m}`).join('\n');
  if (o.locale === 'en') {
    const head = o.kind === 'due_soon' ? `due on ${o.dueOn}` : `was due on ${o.dueOn}`;
    return {
      subject: o.kind === 'due_soon' ? `Sōgyō Campus: an assignment is due on ${o.dueOn}` : 'Sōgyō Campus: an assignment is overdue',
      text: `Dear ${o.name},\n\nThe assignment from ${o.from} is ${head}:\n${list}\n\nIt is at the top of your home page:\n${o.siteUrl}/\n\nIf something is in the way, tell ${o.from}: the due date can be moved.\n\n— Sōgyō Campus (this message is sent automatically; please do not reply)\n`,
    };
  }
  const head = o.kind === 'due_soon' ? `${o.dueOn}が期限です` : `${o.dueOn}が期限でした`;
  return {
    subject: o.kind === 'due_soon' ? `【創業キャンパス】課題の期限が近づいています（${o.dueOn}）` : '【創業キャンパス】期限を過ぎた課題があります',
    text: `${o.name} 様\n\n${o.from}からの課題は${head}。\n${list}\n\nホーム画面のいちばん上に表示されています。\n${o.siteUrl}/\n\n都合がつかない場合は、${o.from}にご相談ください。期限は変えられます。\n\n創業キャンパス（このメールは自動送信です。返信はできません）\n`,
  };
}
