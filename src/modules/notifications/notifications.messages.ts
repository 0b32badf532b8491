// The e-mails of the monthly cycle in the three languages (kk, ru, en): server-side catalogues as
// TypeScript objects, so that a language missing a message does not compile. Every message is plain
// text; the outbox makes the HTML part with every markup character escaped (outbox.service.ts
// htmlBody), so a comment's `<b>` arrives as text in both parts.
import type { Lang } from '../../domain/lang.ts';
import { parsePeriod } from '../../domain/periods.ts';

const MONTHS: Record<Lang, readonly string[]> = {
  kk: [
    'қаңтар',
    'ақпан',
    'наурыз',
    'сәуір',
    'мамыр',
    'маусым',
    'шілде',
    'тамыз',
    'қыркүйек',
    'қазан',
    'қараша',
    'желтоқсан',
  ],
  ru: [
    'январь',
    'февраль',
    'март',
    'апрель',
    'май',
    'июнь',
    'июль',
    'август',
    'сентябрь',
    'октябрь',
    'ноябрь',
    'декабрь',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** A period as people say it: "декабрь 2022", "2022 жылғы желтоқсан", "December 2022", "2022, first half". */
export function periodName(period: string, lang: Lang): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.kind === 'month') {
    const month = MONTHS[lang][Number(period.slice(5)) - 1] as string;
    return lang === 'kk' ? `${p.year} жылғы ${month}` : `${month} ${p.year}`;
  }
  const half = period.endsWith('H1');
  if (p.kind === 'half')
    return {
      kk: `${p.year} жылдың ${half ? 'бірінші' : 'екінші'} жартыжылдығы`,
      ru: `${half ? 'первое' : 'второе'} полугодие ${p.year}`,
      en: `${p.year}, ${half ? 'first' : 'second'} half`,
    }[lang];
  return { kk: `${p.year} жыл`, ru: `${p.year} год`, en: `year ${p.year}` }[lang];
}

/** A day (YYYY-MM-DD) as people write it: 05.01.2023 (kk, ru), 5 January 2023 (en). */
export function dayName(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-');
  if (lang === 'en') return `${Number(d)} ${MONTHS.en[Number(m) - 1]} ${y}`;
  return `${d}.${m}.${y}`;
}

export interface Mail {
  subject: string;
  body: string;
}

/** What a decision's message names: the region in the recipient's language, the period, a link. */
export interface DecisionFacts {
  region: string;
  period: string;
  link: string;
  /** The reviewer's comment (return) or the reason (reopen). */
  comment?: string;
}

export interface ReminderFacts {
  region: string;
  period: string;
  link: string;
  /** YYYY-MM-DD */
  deadline: string;
}

export interface DigestItem {
  region: string;
  period: string;
  /** ISO time it was handed in. */
  submittedAt: string;
  link: string;
}

export interface DigestFacts {
  items: DigestItem[];
  link: string;
}

/** A message of a submission's thread, to the other side of the conversation. */
export interface CommentFacts {
  region: string;
  period: string;
  link: string;
  /** Who wrote it: a name or an e-mail address. */
  author: string;
  text: string;
}

export type DecisionKind = 'returned' | 'accepted' | 'reopened';
export type ReminderKind = 'due' | 'overdue';

interface Catalogue {
  decision: Record<DecisionKind, (f: DecisionFacts) => Mail>;
  reminder: Record<ReminderKind, (f: ReminderFacts) => Mail>;
  digest(f: DigestFacts): Mail;
  comment(f: CommentFacts): Mail;
  /** The closing line of every message: why it came, and where to switch reminders off. */
  footer(settings: string, essential: boolean): string;
}

const p = (lang: Lang, period: string) => periodName(period, lang);
/** A time as the reader in Kazakhstan reads it (UTC+5): 2022-12-06 18:05. */
const when = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const kz = new Date(t + 5 * 3600_000).toISOString();
  return `${kz.slice(0, 10)} ${kz.slice(11, 16)}`;
};

const kk: Catalogue = {
  decision: {
    returned: (f) => ({
      subject: `Түзетуге қайтарылды: ${f.region}, ${p('kk', f.period)}`,
      body: `Ұлттық кеңсе ${f.region} өңірінің ${p('kk', f.period)} деректерін түзетуге қайтарды.\n\nТексерушінің пікірі:\n${f.comment ?? ''}\n\nТүзетіп, қайта жіберіңіз: ${f.link}`,
    }),
    accepted: (f) => ({
      subject: `Қабылданды: ${f.region}, ${p('kk', f.period)}`,
      body: `Ұлттық кеңсе ${f.region} өңірінің ${p('kk', f.period)} деректерін қабылдады. Рақмет!\n\nАй беті: ${f.link}`,
    }),
    reopened: (f) => ({
      subject: `Қайта ашылды: ${f.region}, ${p('kk', f.period)}`,
      body: `Ұлттық кеңсе ${f.region} өңірінің бұрын қабылданған ${p('kk', f.period)} деректерін түзету үшін қайта ашты.\n\nСебебі:\n${f.comment ?? ''}\n\nТүзетіп, қайта жіберіңіз: ${f.link}`,
    }),
  },
  reminder: {
    due: (f) => ({
      subject: `Еске салу: ${f.region}, ${p('kk', f.period)} — мерзімі ${dayName(f.deadline, 'kk')}`,
      body: `${f.region} өңірінің ${p('kk', f.period)} деректері әлі жіберілмеген. Тапсыру мерзімі: ${dayName(f.deadline, 'kk')}.\n\nАй беті: ${f.link}`,
    }),
    overdue: (f) => ({
      subject: `Мерзімі өтті: ${f.region}, ${p('kk', f.period)}`,
      body: `${f.region} өңірінің ${p('kk', f.period)} деректерін тапсыру мерзімі ${dayName(f.deadline, 'kk')} өтіп кетті, ал деректер әлі жіберілмеген. Мүмкіндігінше тезірек жіберіңіз.\n\nАй беті: ${f.link}`,
    }),
  },
  digest: (f) => ({
    subject: `Тексеруді күтуде: ${f.items.length}`,
    body: `Тексеруді күтетін деректер (ең ескісі бірінші):\n\n${f.items
      .map((i) => `- ${i.region}, ${p('kk', i.period)} — жіберілді ${when(i.submittedAt)}\n  ${i.link}`)
      .join('\n')}\n\nБарлығы: ${f.link}`,
  }),
  comment: (f) => ({
    subject: `Жаңа пікір: ${f.region}, ${p('kk', f.period)}`,
    body: `${f.author} ${f.region} өңірінің ${p('kk', f.period)} деректері бойынша жазды:\n\n${f.text}\n\nЖауап беру: ${f.link}`,
  }),
  footer: (settings, essential) =>
    essential
      ? `Бұл хат Birgemiz жүйесінен автоматты түрде жіберілді. Хаттар тілі: ${settings}`
      : `Бұл хат Birgemiz жүйесінен автоматты түрде жіберілді. Еске салуларды өшіру: ${settings}`,
};

const ru: Catalogue = {
  decision: {
    returned: (f) => ({
      subject: `Возвращено на доработку: ${f.region}, ${p('ru', f.period)}`,
      body: `Национальный офис вернул данные региона ${f.region} за ${p('ru', f.period)} на доработку.\n\nКомментарий проверяющего:\n${f.comment ?? ''}\n\nИсправьте и отправьте снова: ${f.link}`,
    }),
    accepted: (f) => ({
      subject: `Принято: ${f.region}, ${p('ru', f.period)}`,
      body: `Национальный офис принял данные региона ${f.region} за ${p('ru', f.period)}. Спасибо!\n\nСтраница месяца: ${f.link}`,
    }),
    reopened: (f) => ({
      subject: `Открыто для исправления: ${f.region}, ${p('ru', f.period)}`,
      body: `Национальный офис снова открыл для исправления принятые ранее данные региона ${f.region} за ${p('ru', f.period)}.\n\nПричина:\n${f.comment ?? ''}\n\nИсправьте и отправьте снова: ${f.link}`,
    }),
  },
  reminder: {
    due: (f) => ({
      subject: `Напоминание: ${f.region}, ${p('ru', f.period)} — срок ${dayName(f.deadline, 'ru')}`,
      body: `Данные региона ${f.region} за ${p('ru', f.period)} ещё не отправлены. Срок сдачи: ${dayName(f.deadline, 'ru')}.\n\nСтраница месяца: ${f.link}`,
    }),
    overdue: (f) => ({
      subject: `Срок прошёл: ${f.region}, ${p('ru', f.period)}`,
      body: `Срок сдачи данных региона ${f.region} за ${p('ru', f.period)} истёк ${dayName(f.deadline, 'ru')}, а данные ещё не отправлены. Отправьте их как можно скорее.\n\nСтраница месяца: ${f.link}`,
    }),
  },
  digest: (f) => ({
    subject: `Ждут проверки: ${f.items.length}`,
    body: `Данные, ожидающие проверки (сначала самые давние):\n\n${f.items
      .map((i) => `- ${i.region}, ${p('ru', i.period)} — отправлено ${when(i.submittedAt)}\n  ${i.link}`)
      .join('\n')}\n\nВсе: ${f.link}`,
  }),
  comment: (f) => ({
    subject: `Новый комментарий: ${f.region}, ${p('ru', f.period)}`,
    body: `${f.author} написал(а) о данных региона ${f.region} за ${p('ru', f.period)}:\n\n${f.text}\n\nОтветить: ${f.link}`,
  }),
  footer: (settings, essential) =>
    essential
      ? `Это письмо отправлено системой Birgemiz автоматически. Язык писем: ${settings}`
      : `Это письмо отправлено системой Birgemiz автоматически. Отключить напоминания: ${settings}`,
};

const en: Catalogue = {
  decision: {
    returned: (f) => ({
      subject: `Returned for correction: ${f.region}, ${p('en', f.period)}`,
      body: `The national office returned the data of ${f.region} for ${p('en', f.period)} for correction.\n\nThe reviewer's comment:\n${f.comment ?? ''}\n\nCorrect it and submit again: ${f.link}`,
    }),
    accepted: (f) => ({
      subject: `Accepted: ${f.region}, ${p('en', f.period)}`,
      body: `The national office accepted the data of ${f.region} for ${p('en', f.period)}. Thank you!\n\nThe month's page: ${f.link}`,
    }),
    reopened: (f) => ({
      subject: `Reopened for correction: ${f.region}, ${p('en', f.period)}`,
      body: `The national office reopened the accepted data of ${f.region} for ${p('en', f.period)} for correction.\n\nThe reason:\n${f.comment ?? ''}\n\nCorrect it and submit again: ${f.link}`,
    }),
  },
  reminder: {
    due: (f) => ({
      subject: `Reminder: ${f.region}, ${p('en', f.period)} is due on ${dayName(f.deadline, 'en')}`,
      body: `The data of ${f.region} for ${p('en', f.period)} has not been submitted yet. It is due on ${dayName(f.deadline, 'en')}.\n\nThe month's page: ${f.link}`,
    }),
    overdue: (f) => ({
      subject: `Overdue: ${f.region}, ${p('en', f.period)}`,
      body: `The data of ${f.region} for ${p('en', f.period)} was due on ${dayName(f.deadline, 'en')} and has not been submitted yet. Please submit it as soon as you can.\n\nThe month's page: ${f.link}`,
    }),
  },
  digest: (f) => ({
    subject: `Waiting for review: ${f.items.length}`,
    body: `Submissions waiting for review (oldest first):\n\n${f.items
      .map((i) => `- ${i.region}, ${p('en', i.period)} — submitted ${when(i.submittedAt)}\n  ${i.link}`)
      .join('\n')}\n\nAll of them: ${f.link}`,
  }),
  comment: (f) => ({
    subject: `New comment: ${f.region}, ${p('en', f.period)}`,
    body: `${f.author} wrote about the data of ${f.region} for ${p('en', f.period)}:\n\n${f.text}\n\nReply: ${f.link}`,
  }),
  footer: (settings, essential) =>
    essential
      ? `Birgemiz sent this message automatically. The language of your messages: ${settings}`
      : `Birgemiz sent this message automatically. To switch reminders off: ${settings}`,
};

export const MAIL: Record<Lang, Catalogue> = { kk, ru, en };

/** Longest comment quoted in a message; a longer one is cut (the month's page shows it whole). */
export const MAX_QUOTED = 4000;
export const quoted = (text: string) => (text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
