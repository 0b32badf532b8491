// The e-mails of volunteer accounts, in the recipient's language. Plain text: the outbox makes the
// HTML part from it with every markup character escaped, so a name such as `<b>Aigerim</b>` arrives
// as typed, never as markup.
import type { Lang } from '../../domain/lang.ts';
import { type AccountMail, greeting } from '../users/accounts.mail.ts';

export type Mail = AccountMail;

/** The link confirming a volunteer's e-mail address. */
export function confirmMail(lang: Lang, m: { name: string; link: string; days: number }): Mail {
  const texts: Record<Lang, Mail> = {
    kk: {
      subject: 'Birgemiz: электрондық поштаңызды растаңыз',
      body: [
        greeting.kk(m.name),
        'Сіз Birgemiz платформасында волонтер ретінде тіркелдіңіз.',
        `Электрондық пошта мекенжайын растау үшін сілтемені ашыңыз:\n${m.link}`,
        `Сілтеме бір рет қолданылады және ${m.days} күн жарамды. Егер сіз тіркелмеген болсаңыз, бұл хатты елемеңіз.`,
      ].join('\n\n'),
    },
    ru: {
      subject: 'Birgemiz: подтвердите адрес электронной почты',
      body: [
        greeting.ru(m.name),
        'Вы зарегистрировались как волонтер на платформе Birgemiz.',
        `Чтобы подтвердить адрес электронной почты, откройте ссылку:\n${m.link}`,
        `Ссылка одноразовая и действует ${m.days} дн. Если вы не регистрировались, просто не отвечайте на это письмо.`,
      ].join('\n\n'),
    },
    en: {
      subject: 'Birgemiz: confirm your e-mail address',
      body: [
        greeting.en(m.name),
        'You have signed up as a volunteer on the Birgemiz platform.',
        `To confirm your e-mail address, open this link:\n${m.link}`,
        `The link works once and for ${m.days} days. If you did not sign up, ignore this message.`,
      ].join('\n\n'),
    },
  };
  return texts[lang];
}

/** The one reminder to confirm the address, with a new link. */
export function confirmReminderMail(lang: Lang, m: { name: string; link: string; days: number }): Mail {
  const texts: Record<Lang, Mail> = {
    kk: {
      subject: 'Birgemiz: электрондық поштаңызды растауды ұмытпаңыз',
      body: [
        greeting.kk(m.name),
        'Birgemiz платформасындағы волонтер тіркелгіңіздің электрондық поштасы әлі расталмаған.',
        `Растау үшін сілтемені ашыңыз:\n${m.link}`,
        `Сілтеме бір рет қолданылады және ${m.days} күн жарамды. Тіркелгеннен кейін 30 күн ішінде расталмаған тіркелгі жойылады.`,
      ].join('\n\n'),
    },
    ru: {
      subject: 'Birgemiz: подтвердите адрес электронной почты',
      body: [
        greeting.ru(m.name),
        'Адрес электронной почты вашей учетной записи волонтера на платформе Birgemiz еще не подтвержден.',
        `Чтобы подтвердить его, откройте ссылку:\n${m.link}`,
        `Ссылка одноразовая и действует ${m.days} дн. Учетная запись, не подтвержденная в течение 30 дней после регистрации, удаляется.`,
      ].join('\n\n'),
    },
    en: {
      subject: 'Birgemiz: please confirm your e-mail address',
      body: [
        greeting.en(m.name),
        'The e-mail address of your volunteer account on the Birgemiz platform is not confirmed yet.',
        `To confirm it, open this link:\n${m.link}`,
        `The link works once and for ${m.days} days. An account not confirmed within 30 days of signing up is removed.`,
      ].join('\n\n'),
    },
  };
  return texts[lang];
}

/** The link by which a parent or guardian consents to a minor's volunteering. */
export function guardianMail(
  lang: Lang,
  m: { guardianName: string; volunteerName: string; link: string; days: number },
): Mail {
  const texts: Record<Lang, Mail> = {
    kk: {
      subject: 'Birgemiz: кәмелетке толмаған волонтерге келісім',
      body: [
        greeting.kk(m.guardianName),
        `${m.volunteerName} Birgemiz платформасында волонтер ретінде тіркеліп, сізді ата-анасы немесе қамқоршысы ретінде көрсетті.`,
        `Оның волонтерлік қызметке қатысуына келісім беру үшін сілтемені ашыңыз:\n${m.link}`,
        `Сілтеме бір рет қолданылады және ${m.days} күн жарамды. Егер сіз бұл адамды танымасаңыз, хатты елемеңіз: келісімсіз ол іс-шараларға қабылданбайды.`,
      ].join('\n\n'),
    },
    ru: {
      subject: 'Birgemiz: согласие на волонтерство несовершеннолетнего',
      body: [
        greeting.ru(m.guardianName),
        `${m.volunteerName} зарегистрировался(-ась) как волонтер на платформе Birgemiz и указал(а) вас как родителя или опекуна.`,
        `Чтобы дать согласие на участие в волонтерской деятельности, откройте ссылку:\n${m.link}`,
        `Ссылка одноразовая и действует ${m.days} дн. Если вы не знаете этого человека, не отвечайте на письмо: без согласия его не примут ни на одно мероприятие.`,
      ].join('\n\n'),
    },
    en: {
      subject: 'Birgemiz: consent for a minor volunteer',
      body: [
        greeting.en(m.guardianName),
        `${m.volunteerName} has signed up as a volunteer on the Birgemiz platform and named you as parent or guardian.`,
        `To consent to their volunteering, open this link:\n${m.link}`,
        `The link works once and for ${m.days} days. If you do not know this person, ignore this message: without consent they are accepted for no opportunity.`,
      ].join('\n\n'),
    },
  };
  return texts[lang];
}
