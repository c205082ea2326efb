import type { InvitedRole } from '../contract/account.ts';

/**
 * The account mails, in the person's language. Links carry their token in the fragment (#t=…), which browsers never
 * send to a server: it does not reach access logs, proxies or the Referer header.
 */
export interface MailText { subject: string; text: string }
type Locale = 'ja' | 'en';

const FOOTER = {
  ja: '\n創業キャンパス（このメールは自動送信です。返信はできません）\n',
  en: '\n— Sōgyō Campus (this message is sent automatically; please do not reply)\n',
};

const ROLE = {
  ja: { learner: '創業者（受講者）', advisor: '経営指導員（アドバイザー）', staff: '創業支援担当職員', admin: '連合の管理者' },
  en: { learner: 'founder (learner)', advisor: 'business advisor', staff: 'municipal staff member', admin: "the union's administrator" },
} satisfies Record<Locale, Record<InvitedRole, string>>;

const daysOrHours = (minutes: number, l: Locale) => {
  if (minutes % (24 * 60) === 0) return l === 'ja' ? `${minutes / (24 * 60)}日間` : `${minutes / (24 * 60)} days`;
  if (minutes % 60 === 0) return l === 'ja' ? `${minutes / 60}時間` : `${minutes / 60} hours`;
  return l === 'ja' ? `${minutes}分間` : `${minutes} minutes`;
};

export function invitationMail(o: { locale: Locale; link: string; role: InvitedRole; place: string; invitedBy: string; validMinutes: number }): MailText {
  if (o.locale === 'en') {
    return {
      subject: 'Sōgyō Campus: you are invited',
      text: `Hello,\n\n${o.invitedBy} has invited you to Sōgyō Campus as ${ROLE.en[o.role]} (${o.place}).\nOpen this link to accept; it works once and for ${daysOrHours(o.validMinutes, 'en')}:\n${o.link}\n\nIf you did not expect this invitation, ignore this mail: nothing happens without the link.\n${FOOTER.en}`,
    };
  }
  return {
    subject: '【創業キャンパス】ご招待のお知らせ',
    text: `創業キャンパスへのご招待です。\n\n${o.invitedBy}さんから、${o.place}の${ROLE.ja[o.role]}として招待されました。\n次のリンクを開いて招待を受けてください（1回限り・${daysOrHours(o.validMinutes, 'ja')}有効）。\n${o.link}\n\nお心当たりがない場合は、このメールを破棄してください。リンクを開かなければ何も起こりません。\n${FOOTER.ja}`,
  };
}

export function resetMail(o: { locale: Locale; name: string; link: string; validMinutes: number }): MailText {
  if (o.locale === 'en') {
    return {
      subject: 'Sōgyō Campus: reset your password',
      text: `Dear ${o.name},\n\nSomeone (hopefully you) asked to reset the password of your Sōgyō Campus account.\nOpen this link to choose a new password; it works once and for ${daysOrHours(o.validMinutes, 'en')}:\n${o.link}\n\nResetting signs you out on every device. If you did not ask for this, ignore this mail: your password stays as it is.\n${FOOTER.en}`,
    };
  }
  return {
    subject: '【創業キャンパス】パスワードの再設定',
    text: `${o.name} 様\n\n創業キャンパスのパスワード再設定の依頼を受け付けました。\n次のリンクから新しいパスワードを設定してください（1回限り・${daysOrHours(o.validMinutes, 'ja')}有効）。\n${o.link}\n\n再設定すると、すべての端末でログアウトされます。お心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。\n${FOOTER.ja}`,
  };
}

export function verifyMail(o: { locale: Locale; name: string; link: string; validMinutes: number }): MailText {
  if (o.locale === 'en') {
    return {
      subject: 'Sōgyō Campus: confirm your email address',
      text: `Dear ${o.name},\n\nPlease confirm that this is your email address by opening this link (valid for ${daysOrHours(o.validMinutes, 'en')}):\n${o.link}\n\nYou can study already; reminders and notices from your municipality are sent only to a confirmed address.\n${FOOTER.en}`,
    };
  }
  return {
    subject: '【創業キャンパス】メールアドレスの確認',
    text: `${o.name} 様\n\n次のリンクを開いて、メールアドレスの確認を完了してください（${daysOrHours(o.validMinutes, 'ja')}有効）。\n${o.link}\n\n学習はすでに始められます。学習のお知らせや市町村からの連絡は、確認済みのアドレスにだけお送りします。\n${FOOTER.ja}`,
  };
}

export function emailChangeMail(o: { locale: Locale; name: string; link: string; newEmail: string; validMinutes: number }): MailText {
  if (o.locale === 'en') {
    return {
      subject: 'Sōgyō Campus: confirm your new email address',
      text: `Dear ${o.name},\n\nTo use ${o.newEmail} for your Sōgyō Campus account, open this link (it works once and for ${daysOrHours(o.validMinutes, 'en')}):\n${o.link}\n\nUntil then your account keeps its current address.\n${FOOTER.en}`,
    };
  }
  return {
    subject: '【創業キャンパス】新しいメールアドレスの確認',
    text: `${o.name} 様\n\nアカウントのメールアドレスを ${o.newEmail} に変更するには、次のリンクを開いてください（1回限り・${daysOrHours(o.validMinutes, 'ja')}有効）。\n${o.link}\n\nリンクを開くまでは、現在のアドレスのままです。\n${FOOTER.ja}`,
  };
}

/** To the old address, when a change is requested: the person learns of it even if someone else holds their login. */
export function emailChangeNotice(o: { locale: Locale; name: string; newEmail: string; siteUrl: string }): MailText {
  if (o.locale === 'en') {
    return {
      subject: 'Sōgyō Campus: a change of your email address was requested',
      text: `Dear ${o.name},\n\nA change of your account's email address to ${o.newEmail} was requested. It takes effect only when the link sent to that address is opened.\nIf this was not you, sign in and change your password now, and end the sessions you do not recognise on your account page:\n${o.siteUrl}/account\n${FOOTER.en}`,
    };
  }
  return {
    subject: '【創業キャンパス】メールアドレス変更の手続きがありました',
    text: `${o.name} 様\n\nアカウントのメールアドレスを ${o.newEmail} に変更する手続きがありました。新しいアドレスに届いたリンクを開いたときに変更されます。\nお心当たりがない場合は、すぐにログインしてパスワードを変更し、アカウント設定で見覚えのないログイン中の端末を終了してください。\n${o.siteUrl}/account\n${FOOTER.ja}`,
  };
}

export function passwordChangedMail(o: { locale: Locale; name: string; siteUrl: string }): MailText {
  if (o.locale === 'en') {
    return {
      subject: 'Sōgyō Campus: your password was changed',
      text: `Dear ${o.name},\n\nThe password of your Sōgyō Campus account was changed, and every other device was signed out.\nIf this was not you, reset your password now: ${o.siteUrl}/reset-password\n${FOOTER.en}`,
    };
  }
  return {
    subject: '【創業キャンパス】パスワードが変更されました',
    text: `${o.name} 様\n\n創業キャンパスのパスワードが変更され、ほかの端末はすべてログアウトされました。\nお心当たりがない場合は、すぐにパスワードを再設定してください。${o.siteUrl}/reset-password\n${FOOTER.ja}`,
  };
}

/** To a founder who missed a seminar session: the make-up modules and the day they are due. One per founder and session. */
export function makeUpMail(o: { locale: Locale; name: string; sessionTitle: string; sessionDay: string; modules: string[]; dueOn: string; tenantName: string; siteUrl: string }): MailText {
  const list = o.modules.map((m) => `・${m}`).join('\n');
  if (o.locale === 'en') {
    return {
      subject: `Sōgyō Campus: make up "${o.sessionTitle}" by ${o.dueOn}`,
      text: `Dear ${o.name},\n\nYou were not marked present at the seminar session "${o.sessionTitle}" (${o.sessionDay}). You can make it up online by completing these modules by ${o.dueOn}:\n${list}\n\nThey are at the top of your home page:\n${o.siteUrl}/\n\nIf you did attend, please tell the staff of ${o.tenantName}: they will correct your attendance.\n${FOOTER.en}`,
    };
  }
  return {
    subject: `【創業キャンパス】「${o.sessionTitle}」の補講のご案内（${o.dueOn}まで）`,
    text: `${o.name} 様\n\n${o.sessionDay}の講座「${o.sessionTitle}」の出席が確認できませんでした。次のモジュールを${o.dueOn}までに修了すると、この回の補講になります。\n${list}\n\nホーム画面のいちばん上に表示されています。\n${o.siteUrl}/\n\n出席していた場合は、${o.tenantName}の創業支援窓口にお知らせください。出席の記録を訂正します。\n${FOOTER.ja}`,
  };
}

/** To the founder's attached advisor: a business plan was handed in for review. */
export function planSubmittedMail(o: { locale: Locale; advisorName: string; founderName: string; tenantName: string; version: number; link: string }): MailText {
  if (o.locale === 'en') {
    return {
      subject: `Sōgyō Campus: ${o.founderName} handed in a business plan`,
      text: `Hello ${o.advisorName},\n\n${o.founderName} (${o.tenantName}) handed in version ${o.version} of their business plan for your review.\nRead it, comment on its sections and mark it reviewed or needing work:\n${o.link}\n${FOOTER.en}`,
    };
  }
  return {
    subject: `【創業キャンパス】${o.founderName}さんが創業計画書を提出しました`,
    text: `${o.advisorName}様\n\n${o.tenantName}の${o.founderName}さんが、創業計画書（第${o.version}版）の確認を依頼しました。\n次のページで内容を読み、項目ごとにコメントして「確認済み」または「修正依頼」にしてください。\n${o.link}\n${FOOTER.ja}`,
  };
}

/** To the founder: their advisor reviewed the plan. */
export function planReviewedMail(o: { locale: Locale; name: string; advisorName: string; status: 'reviewed' | 'needs_work'; version: number; note: string | null; link: string }): MailText {
  if (o.locale === 'en') {
    const what = o.status === 'reviewed' ? 'has reviewed' : 'asks you to rework';
    return {
      subject: `Sōgyō Campus: your advisor ${o.status === 'reviewed' ? 'reviewed' : 'commented on'} your business plan`,
      text: `Hello ${o.name},\n\n${o.advisorName} ${what} version ${o.version} of your business plan.${o.note ? `\n\n"${o.note}"` : ''}\nSee the comments beside each section:\n${o.link}\n${FOOTER.en}`,
    };
  }
  const what = o.status === 'reviewed' ? '確認しました' : '修正をお願いしています';
  return {
    subject: `【創業キャンパス】創業計画書を指導員が${o.status === 'reviewed' ? '確認しました' : '確認し、修正を依頼しました'}`,
    text: `${o.name}様\n\n${o.advisorName}さんが、創業計画書（第${o.version}版）を${what}。${o.note ? `\n\n「${o.note}」` : ''}\n項目ごとのコメントは次のページで確認できます。\n${o.link}\n${FOOTER.ja}`,
  };
}

/** A consultation as the mails describe it. */
export interface ConsultationText { when: string; where: string; advisorName: string; founderName: string; note: string | null; link: string }
const whereOf = (c: ConsultationText, l: Locale) => (l === 'ja' ? `場所：${c.where}` : `Where: ${c.where}`);

/** To the founder and to the advisor: a consultation was booked (with the .ics attached). */
export function consultationBookedMail(o: { locale: Locale; to: 'founder' | 'advisor'; c: ConsultationText }): MailText {
  const c = o.c;
  if (o.locale === 'en') {
    return o.to === 'founder'
      ? { subject: `Sōgyō Campus: consultation booked (${c.when})`, text: `Hello ${c.founderName},\n\nYour consultation with ${c.advisorName} is booked for ${c.when}.\n${whereOf(c, 'en')}${c.note ? `\nYour note: ${c.note}` : ''}\nThe calendar file is attached. To cancel, open:\n${c.link}\n${FOOTER.en}` }
      : { subject: `Sōgyō Campus: ${c.founderName} booked a consultation (${c.when})`, text: `Hello ${c.advisorName},\n\n${c.founderName} booked your consultation slot on ${c.when}.\n${whereOf(c, 'en')}${c.note ? `\nTheir note: ${c.note}` : ''}\nThe calendar file is attached. Your slots:\n${c.link}\n${FOOTER.en}` };
  }
  return o.to === 'founder'
    ? { subject: `【創業キャンパス】相談の予約を受け付けました（${c.when}）`, text: `${c.founderName}様\n\n${c.advisorName}さんとの相談を${c.when}に予約しました。\n${whereOf(c, 'ja')}${c.note ? `\nご相談内容：${c.note}` : ''}\nカレンダー用のファイルを添付しています。キャンセルは次のページからできます。\n${c.link}\n${FOOTER.ja}` }
    : { subject: `【創業キャンパス】${c.founderName}さんから相談の予約（${c.when}）`, text: `${c.advisorName}様\n\n${c.founderName}さんが${c.when}の相談枠を予約しました。\n${whereOf(c, 'ja')}${c.note ? `\nご相談内容：${c.note}` : ''}\nカレンダー用のファイルを添付しています。相談枠の一覧：\n${c.link}\n${FOOTER.ja}` };
}

/** To the other party: a consultation was cancelled (the slot is free again). */
export function consultationCancelledMail(o: { locale: Locale; to: 'founder' | 'advisor'; c: ConsultationText }): MailText {
  const c = o.c;
  const name = o.to === 'founder' ? c.founderName : c.advisorName;
  if (o.locale === 'en') return { subject: `Sōgyō Campus: consultation cancelled (${c.when})`, text: `Hello ${name},\n\nThe consultation on ${c.when} between ${c.founderName} and ${c.advisorName} was cancelled.\n${c.link}\n${FOOTER.en}` };
  return { subject: `【創業キャンパス】相談の予約が取り消されました（${c.when}）`, text: `${name}様\n\n${c.when}の${c.founderName}さんと${c.advisorName}さんの相談は取り消されました。\n${c.link}\n${FOOTER.ja}` };
}

/** The day before: to the founder and to the advisor. */
export function consultationReminderMail(o: { locale: Locale; to: 'founder' | 'advisor'; c: ConsultationText }): MailText {
  const c = o.c;
  const name = o.to === 'founder' ? c.founderName : c.advisorName;
  const other = o.to === 'founder' ? c.advisorName : c.founderName;
  if (o.locale === 'en') return { subject: `Sōgyō Campus: consultation tomorrow (${c.when})`, text: `Hello ${name},\n\nA reminder: your consultation with ${other} is tomorrow, ${c.when}.\n${whereOf(c, 'en')}\n${c.link}\n${FOOTER.en}` };
  return { subject: `【創業キャンパス】明日は相談の日です（${c.when}）`, text: `${name}様\n\n明日${c.when}は、${other}さんとの相談の日です。\n${whereOf(c, 'ja')}\n${c.link}\n${FOOTER.ja}` };
}

/** To a municipality's staff whose municipality has not answered the union's yearly survey: one per reminder point. */
export function surveyReminderMail(o: { locale: Locale; name: string; tenantName: string; yearLabel: string; closesOn: string; reminder: 'opened' | 'week_left' | 'day_left'; link: string }): MailText {
  if (o.locale === 'en') {
    const lead = o.reminder === 'opened' ? 'The union\'s yearly survey is open.' : o.reminder === 'week_left' ? 'One week is left to answer the union\'s yearly survey.' : 'The union\'s yearly survey closes tomorrow.';
    return {
      subject: `Sōgyō Campus: the ${o.yearLabel} survey for ${o.tenantName} (answer by ${o.closesOn})`,
      text: `Dear ${o.name},\n\n${lead} ${o.tenantName} has not answered yet. It takes a few minutes: was the platform effective for your municipality's startup support, and a few questions beside it.\nAnswer by ${o.closesOn}; you can change the answer until then:\n${o.link}\n${FOOTER.en}`,
    };
  }
  const lead = o.reminder === 'opened' ? '広域連合の利用市町村アンケートの回答受付を開始しました。' : o.reminder === 'week_left' ? '利用市町村アンケートの締切まであと1週間です。' : '利用市町村アンケートの締切は明日です。';
  return {
    subject: `【創業キャンパス】${o.yearLabel} 利用市町村アンケートのお願い（${o.closesOn}まで）`,
    text: `${o.name} 様\n\n${lead}${o.tenantName}からの回答はまだ届いていません。「創業支援に有効であったか」などの数問で、数分で回答できます。\n${o.closesOn}まで回答でき、締切までは変更もできます。\n${o.link}\n${FOOTER.ja}`,
  };
}
