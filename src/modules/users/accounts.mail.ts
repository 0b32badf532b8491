// The e-mails of accounts (an invitation, a password reset), in the recipient's language. Plain
// text: the outbox makes the HTML part from it with every markup character escaped, so a name such
// as `<b>Aigerim</b>` arrives as typed, never as markup.
import type { Lang } from '../../domain/lang.ts';

export interface AccountMail {
  subject: string;
  body: string;
}

/** The first line of a message, with the name when there is one (shared by the platform's mails). */
export const greeting: Record<Lang, (name: string | null) => string> = {
  kk: (n) => (n ? `Сәлеметсіз бе, ${n}!` : 'Сәлеметсіз бе!'),
  ru: (n) => (n ? `Здравствуйте, ${n}!` : 'Здравствуйте!'),
  en: (n) => (n ? `Hello ${n},` : 'Hello,'),
};

export function inviteMail(
  lang: Lang,
  m: { name: string | null; invitedBy: string | null; link: string; days: number },
): AccountMail {
  const by = m.invitedBy;
  const texts: Record<Lang, AccountMail> = {
    kk: {
      subject: 'Birgemiz: тіркелгіңізге шақыру',
      body: [
        greeting.kk(m.name),
        `${by ? `${by} сізді` : 'Сізді'} Birgemiz жүйесіне (волонтерлікті мониторингтеудің ұлттық жүйесі) шақырды.`,
        `Құпиясөзді орнату үшін сілтемені ашыңыз:\n${m.link}`,
        `Сілтеме бір рет қолданылады және ${m.days} күн жарамды. Егер сіз шақыру күтпеген болсаңыз, бұл хатты елемеңіз.`,
      ].join('\n\n'),
    },
    ru: {
      subject: 'Birgemiz: приглашение в систему',
      body: [
        greeting.ru(m.name),
        `${by ? `${by} приглашает вас` : 'Вас приглашают'} в Birgemiz — национальную систему мониторинга волонтёрства.`,
        `Чтобы задать пароль, откройте ссылку:\n${m.link}`,
        `Ссылка одноразовая и действует ${m.days} дн. Если вы не ждали приглашения, просто не отвечайте на это письмо.`,
      ].join('\n\n'),
    },
    en: {
      subject: 'Birgemiz: your invitation',
      body: [
        greeting.en(m.name),
        `${by ? `${by} has invited you` : 'You have been invited'} to Birgemiz, the national system for monitoring volunteering.`,
        `To set your password, open this link:\n${m.link}`,
        `The link works once and for ${m.days} days. If you did not expect this invitation, ignore this message.`,
      ].join('\n\n'),
    },
  };
  return texts[lang];
}

export function resetMail(
  lang: Lang,
  m: { name: string | null; link: string; minutes: number },
): AccountMail {
  const texts: Record<Lang, AccountMail> = {
    kk: {
      subject: 'Birgemiz: құпиясөзді қалпына келтіру',
      body: [
        greeting.kk(m.name),
        `Birgemiz жүйесіндегі тіркелгіңіздің құпиясөзін қалпына келтіру сұралды. Жаңа құпиясөз орнату үшін сілтемені ашыңыз:\n${m.link}`,
        `Сілтеме бір рет қолданылады және ${m.minutes} минут жарамды. Егер сіз сұрамаған болсаңыз, бұл хатты елемеңіз: құпиясөзіңіз өзгермейді.`,
      ].join('\n\n'),
    },
    ru: {
      subject: 'Birgemiz: сброс пароля',
      body: [
        greeting.ru(m.name),
        `Для вашей учётной записи в Birgemiz запрошен сброс пароля. Чтобы задать новый пароль, откройте ссылку:\n${m.link}`,
        `Ссылка одноразовая и действует ${m.minutes} мин. Если вы этого не запрашивали, не обращайте внимания на письмо: пароль не изменится.`,
      ].join('\n\n'),
    },
    en: {
      subject: 'Birgemiz: reset your password',
      body: [
        greeting.en(m.name),
        `Someone asked to reset the password of your Birgemiz account. To set a new password, open this link:\n${m.link}`,
        `The link works once and for ${m.minutes} minutes. If it was not you, ignore this message: your password stays as it is.`,
      ].join('\n\n'),
    },
  };
  return texts[lang];
}
