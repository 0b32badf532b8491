// The e-mails of applications, attendance and disputes, in the recipient's language. Plain text:
// the outbox makes the HTML part from it with every markup character escaped, so a title such as
// `<b>Субботник</b>` arrives as typed, never as markup. Times are Kazakhstan time, written out.
import type { Lang } from '../../domain/lang.ts';
import { type AccountMail, greeting } from '../users/accounts.mail.ts';

export type Mail = AccountMail;

/** 2027-03-01T10:00:00+05:00 → 01.03.2027 10:00 (Kazakhstan time). */
export function when(kzTime: string, lang: Lang): string {
  const [d, t] = kzTime.split('T') as [string, string];
  const [y, m, day] = d.split('-');
  const hm = t.slice(0, 5);
  return lang === 'en' ? `${day}/${m}/${y} ${hm}` : `${day}.${m}.${y} ${hm}`;
}

interface About {
  name: string | null;
  title: string;
  organization: string;
  /** The shift's start in Kazakhstan time (+05:00). */
  start: string;
  link: string;
}

const quote = (lang: Lang, s: string) => (lang === 'en' ? `“${s}”` : `«${s}»`);

function build(
  lang: Lang,
  subject: Record<Lang, string>,
  lines: Record<Lang, string[]>,
  name: string | null,
) {
  return { subject: `Birgemiz: ${subject[lang]}`, body: [greeting[lang](name), ...lines[lang]].join('\n\n') };
}

export function receivedMail(lang: Lang, m: About & { waitlisted: boolean }): Mail {
  const t = quote(lang, m.title);
  const at = when(m.start, lang);
  return build(
    lang,
    {
      kk: m.waitlisted ? 'сіз күту тізіміндесіз' : 'өтініміңіз қабылданды',
      ru: m.waitlisted ? 'вы в листе ожидания' : 'ваша заявка получена',
      en: m.waitlisted ? 'you are on the waitlist' : 'your application was received',
    },
    {
      kk: [
        m.waitlisted
          ? `${t} (${m.organization}) ауысымында (${at}) бос орын жоқ: сіз күту тізіміне енгізілдіңіз. Орын босаса, сізге хат жазамыз.`
          : `${t} (${m.organization}) ауысымына (${at}) өтініміңіз ұйымға жіберілді. Ұйым жауап бергенде хабарлаймыз.`,
        `Өтінімдеріңіз: ${m.link}`,
      ],
      ru: [
        m.waitlisted
          ? `На смену ${t} (${m.organization}, ${at}) мест нет: вы в листе ожидания. Если место освободится, мы напишем.`
          : `Ваша заявка на смену ${t} (${m.organization}, ${at}) отправлена организации. Мы сообщим, когда она ответит.`,
        `Ваши заявки: ${m.link}`,
      ],
      en: [
        m.waitlisted
          ? `The shift of ${t} (${m.organization}, ${at}) is full: you are on the waitlist. We will write if a place frees up.`
          : `Your application to ${t} (${m.organization}, ${at}) went to the organisation. We will tell you when it answers.`,
        `Your applications: ${m.link}`,
      ],
    },
    m.name,
  );
}

export function acceptedMail(lang: Lang, m: About): Mail {
  const t = quote(lang, m.title);
  const at = when(m.start, lang);
  return build(
    lang,
    { kk: 'өтініміңіз қабылданды', ru: 'ваша заявка принята', en: 'you are accepted' },
    {
      kk: [`${m.organization} сізді ${t} ауысымына қабылдады: ${at}. Күтеміз!`, m.link],
      ru: [`${m.organization} приняла вас на смену ${t}: ${at}. Ждём вас!`, m.link],
      en: [`${m.organization} accepted you for ${t}: ${at}. See you there!`, m.link],
    },
    m.name,
  );
}

const REASON_TEXT: Record<Lang, Record<string, string>> = {
  kk: {
    no_places: 'орын жоқ',
    requirements_not_met: 'талаптарға сәйкес емес',
    not_available: 'уақыт сәйкес келмейді',
    no_response: 'жауап болмады',
    other: 'басқа себеп',
    opportunity_cancelled: 'іс-шара тоқтатылды',
    organization_suspended: 'ұйымның жұмысы тоқтатылды',
  },
  ru: {
    no_places: 'нет мест',
    requirements_not_met: 'не выполнены требования',
    not_available: 'не получается по времени',
    no_response: 'не было ответа',
    other: 'другая причина',
    opportunity_cancelled: 'мероприятие отменено',
    organization_suspended: 'работа организации приостановлена',
  },
  en: {
    no_places: 'no places',
    requirements_not_met: 'requirements not met',
    not_available: 'not available',
    no_response: 'no response',
    other: 'another reason',
    opportunity_cancelled: 'the opportunity was cancelled',
    organization_suspended: 'the organisation was suspended',
  },
};

export const reasonText = (lang: Lang, code: string | null) =>
  code ? (REASON_TEXT[lang][code] ?? code) : '';

export function declinedMail(lang: Lang, m: About & { reason: string; note: string | null }): Mail {
  const t = quote(lang, m.title);
  const at = when(m.start, lang);
  const why = reasonText(lang, m.reason);
  const note = m.note ? [m.note] : [];
  return build(
    lang,
    { kk: 'өтінім қабылданбады', ru: 'заявка отклонена', en: 'application declined' },
    {
      kk: [
        `${m.organization} ${t} ауысымына (${at}) өтініміңізді қабылдамады. Себебі: ${why}.`,
        ...note,
        m.link,
      ],
      ru: [
        `${m.organization} отклонила вашу заявку на смену ${t} (${at}). Причина: ${why}.`,
        ...note,
        m.link,
      ],
      en: [`${m.organization} declined your application to ${t} (${at}). Reason: ${why}.`, ...note, m.link],
    },
    m.name,
  );
}

export function cancelledMail(lang: Lang, m: About & { reason: string; note: string | null }): Mail {
  const t = quote(lang, m.title);
  const at = when(m.start, lang);
  const why = m.note ?? reasonText(lang, m.reason);
  return build(
    lang,
    { kk: 'іс-шара болмайды', ru: 'мероприятие не состоится', en: 'the opportunity is off' },
    {
      kk: [`${t} (${m.organization}, ${at}) болмайды: ${why}. Өтініміңіз жабылды.`, m.link],
      ru: [`${t} (${m.organization}, ${at}) не состоится: ${why}. Ваша заявка закрыта.`, m.link],
      en: [
        `${t} (${m.organization}, ${at}) will not take place: ${why}. Your application is closed.`,
        m.link,
      ],
    },
    m.name,
  );
}

export function offerMail(lang: Lang, m: About & { until: string }): Mail {
  const t = quote(lang, m.title);
  const at = when(m.start, lang);
  const until = when(m.until, lang);
  return build(
    lang,
    { kk: 'орын босады', ru: 'освободилось место', en: 'a place is free for you' },
    {
      kk: [`${t} (${m.organization}, ${at}) ауысымында орын босады. Оны ${until} дейін алыңыз:`, m.link],
      ru: [`На смене ${t} (${m.organization}, ${at}) освободилось место. Займите его до ${until}:`, m.link],
      en: [`A place is free on ${t} (${m.organization}, ${at}). Take it before ${until}:`, m.link],
    },
    m.name,
  );
}

export function reminderMail(lang: Lang, m: About): Mail {
  const t = quote(lang, m.title);
  const at = when(m.start, lang);
  return build(
    lang,
    { kk: 'ертең ауысым', ru: 'завтра смена', en: 'your shift is tomorrow' },
    {
      kk: [`Еске саламыз: ${t} (${m.organization}) ауысымы ${at} басталады.`, m.link],
      ru: [`Напоминаем: смена ${t} (${m.organization}) начинается ${at}.`, m.link],
      en: [`A reminder: ${t} (${m.organization}) starts ${at}.`, m.link],
    },
    m.name,
  );
}

export function hoursMail(lang: Lang, m: About & { hours: number; disputeDays: number }): Mail {
  const t = quote(lang, m.title);
  const at = when(m.start, lang);
  return build(
    lang,
    { kk: 'сағаттарыңыз расталды', ru: 'ваши часы подтверждены', en: 'your hours are confirmed' },
    {
      kk: [
        `${m.organization} ${t} (${at}) бойынша ${m.hours} сағатты растады. Олар өңіріңіздің статистикасына кірді.`,
        `Келіспесеңіз, ${m.disputeDays} күн ішінде дау айта аласыз: ${m.link}`,
      ],
      ru: [
        `${m.organization} подтвердила ${m.hours} ч. за ${t} (${at}). Они вошли в статистику региона.`,
        `Если вы не согласны, оспорьте в течение ${m.disputeDays} дней: ${m.link}`,
      ],
      en: [
        `${m.organization} confirmed ${m.hours} hours for ${t} (${at}). They count in the region's statistics.`,
        `If you disagree, dispute them within ${m.disputeDays} days: ${m.link}`,
      ],
    },
    m.name,
  );
}

export function disputeOpenedMail(lang: Lang, m: About & { volunteer: string }): Mail {
  const t = quote(lang, m.title);
  return build(
    lang,
    { kk: 'сағаттар бойынша дау', ru: 'спор о часах', en: 'hours disputed' },
    {
      kk: [
        `${m.volunteer} волонтер ${t} (${m.organization}) бойынша расталған сағаттарға дау айтты.`,
        m.link,
      ],
      ru: [`Волонтер ${m.volunteer} оспаривает подтверждённые часы за ${t} (${m.organization}).`, m.link],
      en: [`The volunteer ${m.volunteer} disputes the hours confirmed for ${t} (${m.organization}).`, m.link],
    },
    m.name,
  );
}

export function disputeSettledMail(
  lang: Lang,
  m: About & { upheld: boolean; hours: number | null; note: string },
): Mail {
  const t = quote(lang, m.title);
  const h = m.hours === null ? '' : m.hours;
  return build(
    lang,
    { kk: 'дау шешілді', ru: 'спор рассмотрен', en: 'dispute settled' },
    {
      kk: [
        m.upheld
          ? `${t} бойынша дауыңыз қанағаттандырылды${h === '' ? '' : `: ${h} сағат`}.`
          : `${t} бойынша дауыңыз қанағаттандырылмады.`,
        m.note,
        m.link,
      ],
      ru: [
        m.upheld
          ? `Ваш спор по ${t} удовлетворён${h === '' ? '' : `: ${h} ч.`}.`
          : `Ваш спор по ${t} отклонён.`,
        m.note,
        m.link,
      ],
      en: [
        m.upheld
          ? `Your dispute about ${t} was upheld${h === '' ? '' : `: ${h} hours`}.`
          : `Your dispute about ${t} was rejected.`,
        m.note,
        m.link,
      ],
    },
    m.name,
  );
}

export function newApplicationMail(lang: Lang, m: About & { volunteer: string; waitlisted: boolean }): Mail {
  const t = quote(lang, m.title);
  const at = when(m.start, lang);
  return build(
    lang,
    { kk: 'жаңа өтінім', ru: 'новая заявка', en: 'new application' },
    {
      kk: [
        `${m.volunteer} волонтер ${t} (${at}) ауысымына өтінім берді${m.waitlisted ? ' (күту тізімі)' : ''}.`,
        m.link,
      ],
      ru: [
        `Волонтер ${m.volunteer} подал(а) заявку на ${t} (${at})${m.waitlisted ? ' (лист ожидания)' : ''}.`,
        m.link,
      ],
      en: [
        `The volunteer ${m.volunteer} applied to ${t} (${at})${m.waitlisted ? ' (waitlist)' : ''}.`,
        m.link,
      ],
    },
    m.name,
  );
}
