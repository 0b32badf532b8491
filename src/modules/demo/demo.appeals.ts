// The information centre's current work for the demo (issue 13 item 8): about thirty appeals of the
// last two months in every state — new (fresh and overdue), in progress (assigned, answered, past
// the result's target), resolved, closed (duplicate, spam, no contact), reopened — with their
// history, taken by the front offices of Almaty and Astana and the national office. Times are
// relative to the load, so the queue looks alive whenever the demo is loaded; the seeds give no
// such figures: every row is illustrative (and the applicants, their words and addresses invented).
// The 2022 appeals of the report are the plan's (demo.plan.ts): imported, all resolved.
import type { Insertable, Transaction } from 'kysely';
import type { AppealEventTable, DB } from '../../db/schema.ts';
import { appealTime } from '../../domain/appeal-rules.ts';
import { DEMO_PREFIX } from './demo.plan.ts';

type Trx = Transaction<DB>;
type Who = 'almaty' | 'astana' | 'analyst' | 'admin';

/** What happened to an appeal, in hours after it came in. */
type Story =
  | { kind: 'new' }
  | { kind: 'assigned'; to: Who; at: number }
  | { kind: 'answered'; to: Who; at: number; answerAt: number; answer: string }
  | {
      kind: 'resolved';
      to: Who;
      at: number;
      answerAt: number;
      answer: string;
      resolveAt: number;
      result: string;
      /** Reopened this many hours after it came in, back in progress. */
      reopenAt?: number;
      reopenNote?: string;
    }
  | { kind: 'closed'; reason: 'duplicate' | 'spam' | 'no_contact'; at: number; note: string };

interface DemoLiveAppeal {
  /** Hours before the load it came in. */
  age: number;
  region: string | null;
  country?: string;
  channel: string;
  topic: string;
  related: boolean;
  gender: 'male' | 'female' | null;
  lang: 'kk' | 'ru' | 'en';
  name: string | null;
  email?: string;
  phone?: string;
  text: string;
  story: Story;
}

const DAY = 24;

const RESOLVED_NAMES = [
  'Бауыржан К.',
  'Жанар О.',
  'Ольга М.',
  'Ерасыл Т.',
  'Марат Ж.',
  'Лаура С.',
  'Айдос Б.',
  'Emma W.',
  'Сәуле Қ.',
  'Денис Г.',
];

type Topic =
  | 'become_volunteer'
  | 'consultation'
  | 'find_volunteers'
  | 'awards'
  | 'grants'
  | 'humanitarian_aid'
  | 'legal'
  | 'complaint';

const byLang = (ru: string, kk: string, en: string) => ({ ru, kk, en });
const QUESTIONS: Record<Topic, Record<'kk' | 'ru' | 'en', string>> = {
  become_volunteer: byLang(
    'Как стать волонтером и где найти мероприятия рядом с домом?',
    'Қалай волонтер болуға болады және үйге жақын іс-шараларды қайдан табамын?',
    'How do I become a volunteer and find events near my home?',
  ),
  consultation: byLang(
    'Нужна консультация по созданию инициативной группы.',
    'Бастамашыл топ құру бойынша кеңес қажет.',
    'I need advice on starting an initiative group.',
  ),
  find_volunteers: byLang(
    'Ищем волонтеров для помощи в доме престарелых.',
    'Қарттар үйіне көмектесетін волонтерлер іздейміз.',
    'We are looking for volunteers to help at a care home.',
  ),
  awards: byLang(
    'Как получить благодарственное письмо за волонтерскую работу?',
    'Волонтерлік жұмыс үшін алғыс хатты қалай алуға болады?',
    'How can I get a letter of thanks for volunteer work?',
  ),
  grants: byLang(
    'Какие гранты доступны волонтерским организациям?',
    'Волонтерлік ұйымдарға қандай гранттар бар?',
    'Which grants are open to volunteer organisations?',
  ),
  humanitarian_aid: byLang(
    'Куда передать гуманитарную помощь для пострадавших от паводка?',
    'Су тасқынынан зардап шеккендерге гуманитарлық көмекті қайда тапсыруға болады?',
    'Where can I hand over aid for flood victims?',
  ),
  legal: byLang(
    'Нужен ли договор с волонтером по закону?',
    'Заң бойынша волонтермен шарт жасау қажет пе?',
    'Does the law require a contract with a volunteer?',
  ),
  complaint: byLang(
    'Организатор не выдал обещанную справку об участии.',
    'Ұйымдастырушы уәде еткен қатысу туралы анықтаманы бермеді.',
    'The organiser did not give me the promised certificate of participation.',
  ),
};
const ANSWERS = {
  ru: 'Спасибо за обращение! Подробный ответ и ссылки отправили вам; при вопросах звоните в информационный центр.',
  kk: 'Өтінішіңізге рахмет! Толық жауап пен сілтемелерді жібердік; сұрақтар болса, ақпараттық орталыққа қоңырау шалыңыз.',
  en: 'Thank you for writing! We sent you a full answer with links; call the information centre with any question.',
};
const RESULTS: Record<Topic, string> = {
  become_volunteer: 'Зарегистрирован на платформе, записан на ближайшее мероприятие.',
  consultation: 'Консультация дана.',
  find_volunteers: 'Возможность опубликована, набрано 12 волонтеров.',
  awards: 'Разъяснён порядок выдвижения.',
  grants: 'Направлены условия конкурса.',
  humanitarian_aid: 'Помощь передана через фронт-офис.',
  legal: 'Дано правовое разъяснение.',
  complaint: 'Справка выдана организатором.',
};

const A: DemoLiveAppeal[] = [
  // New: fresh ones, and some past the first answer's target (24 h).
  {
    age: 3,
    region: 'KZ-75',
    channel: 'website',
    topic: 'become_volunteer',
    related: true,
    gender: 'female',
    lang: 'ru',
    name: 'Алина Ж.',
    email: 'alina.zh@example.kz',
    text: 'Здравствуйте! Хочу стать волонтером в Алматы, в выходные свободна. С чего начать?',
    story: { kind: 'new' },
  },
  {
    age: 9,
    region: 'KZ-71',
    channel: 'whatsapp',
    topic: 'find_volunteers',
    related: true,
    gender: 'male',
    lang: 'kk',
    name: 'Ерлан С.',
    phone: '+7 701 000 11 22',
    text: 'Мектепке жексенбілік өткізуге 15 волонтер керек. Қалай табуға болады?',
    story: { kind: 'new' },
  },
  {
    age: 30,
    region: 'KZ-75',
    channel: 'telegram',
    topic: 'consultation',
    related: true,
    gender: null,
    lang: 'ru',
    name: null,
    text: 'Как оформить волонтерскую книжку для стипендии?',
    story: { kind: 'new' },
  },
  {
    age: 52,
    region: 'KZ-63',
    channel: 'website',
    topic: 'humanitarian_aid',
    related: true,
    gender: 'female',
    lang: 'kk',
    name: 'Гүлнар Т.',
    email: 'gulnar.t@example.kz',
    text: 'Су тасқынынан зардап шеккен отбасыларға көмек жинап жатырмыз. Волонтерлермен байланыстыра аласыздар ма?',
    story: { kind: 'new' },
  },
  {
    age: 11,
    region: null,
    country: 'KG',
    channel: 'email',
    topic: 'become_volunteer',
    related: true,
    gender: 'male',
    lang: 'en',
    name: 'Aibek M.',
    email: 'aibek.m@example.kg',
    text: 'I live in Bishkek and come to Almaty often. Can a foreign citizen volunteer in Kazakhstan?',
    story: { kind: 'new' },
  },
  {
    age: 4 * DAY,
    region: 'KZ-55',
    channel: 'phone',
    topic: 'other',
    related: false,
    gender: 'male',
    lang: 'ru',
    name: 'Виктор П.',
    phone: '+7 718 200 00 00',
    text: 'Вопрос о начислении пенсии: куда обратиться?',
    story: { kind: 'new' },
  },
  // In progress: assigned, not answered yet (one past the first answer's target).
  {
    age: 6,
    region: 'KZ-75',
    channel: 'in_person',
    topic: 'legal',
    related: true,
    gender: 'female',
    lang: 'ru',
    name: 'Мария К.',
    phone: '+7 727 300 00 00',
    text: 'Нужна консультация: может ли фонд заключать с волонтерами договоры?',
    story: { kind: 'assigned', to: 'almaty', at: 1 },
  },
  {
    age: 40,
    region: 'KZ-71',
    channel: 'telegram',
    topic: 'awards',
    related: true,
    gender: 'male',
    lang: 'kk',
    name: 'Нұрлан Б.',
    text: '«Жыл волонтері» номинациясына үміткерді қалай ұсынуға болады?',
    story: { kind: 'assigned', to: 'astana', at: 2 },
  },
  {
    age: 2 * DAY,
    region: null,
    channel: 'email',
    topic: 'grants',
    related: true,
    gender: null,
    lang: 'ru',
    name: 'ОФ «Жарқын болашақ»',
    email: 'info.zharkyn@example.kz',
    text: 'Когда откроется приём заявок на конкурс «Жаңа бастама» в этом году?',
    story: { kind: 'assigned', to: 'analyst', at: 5 },
  },
  {
    age: 20,
    region: 'KZ-75',
    channel: 'whatsapp',
    topic: 'complaint',
    related: true,
    gender: 'female',
    lang: 'ru',
    name: 'Дана Е.',
    phone: '+7 705 400 00 00',
    text: 'Организация не подтверждает мои часы уже месяц. Что делать?',
    story: { kind: 'assigned', to: 'almaty', at: 3 },
  },
  // In progress and answered (one past the result's target: 15 days).
  {
    age: 3 * DAY,
    region: 'KZ-71',
    channel: 'phone',
    topic: 'find_volunteers',
    related: true,
    gender: 'male',
    lang: 'ru',
    name: 'Арман Д.',
    email: 'arman.d@example.kz',
    text: 'Ищем волонтеров-переводчиков на международный форум.',
    story: {
      kind: 'answered',
      to: 'astana',
      at: 2,
      answerAt: 6,
      answer: 'Разместите возможность на платформе Birgemiz; мы сообщили о вас двум организациям Астаны.',
    },
  },
  {
    age: 5 * DAY,
    region: 'KZ-75',
    channel: 'website',
    topic: 'consultation',
    related: true,
    gender: 'female',
    lang: 'kk',
    name: 'Әйгерім Н.',
    email: 'aigerim.n@example.kz',
    text: 'Инклюзивті волонтерлік бойынша оқыту курстары бар ма?',
    story: {
      kind: 'answered',
      to: 'almaty',
      at: 4,
      answerAt: 20,
      answer: 'Иә, ресурстық орталықта ай сайын курс өтеді; келесі топқа тіркеп қойдық.',
    },
  },
  {
    age: 9 * DAY,
    region: 'KZ-35',
    channel: 'telegram',
    topic: 'humanitarian_aid',
    related: true,
    gender: 'male',
    lang: 'ru',
    name: 'Сергей Л.',
    text: 'Где в Караганде принимают тёплые вещи для нуждающихся?',
    story: {
      kind: 'answered',
      to: 'analyst',
      at: 10,
      answerAt: 30,
      answer: 'Пункты приёма — в молодёжном ресурсном центре; передали ваш вопрос во фронт-офис области.',
    },
  },
  {
    age: 19 * DAY,
    region: 'KZ-71',
    channel: 'email',
    topic: 'legal',
    related: true,
    gender: 'female',
    lang: 'ru',
    name: 'Ирина В.',
    email: 'irina.v@example.kz',
    text: 'Просим разъяснить порядок страхования волонтеров на выездных мероприятиях.',
    story: {
      kind: 'answered',
      to: 'astana',
      at: 6,
      answerAt: 22,
      answer: 'Запросили разъяснение в министерстве, ответим, как только оно придёт.',
    },
  },
  {
    age: 7 * DAY,
    region: null,
    country: 'UZ',
    channel: 'whatsapp',
    topic: 'become_volunteer',
    related: true,
    gender: 'female',
    lang: 'ru',
    name: 'Нигора Р.',
    text: 'Я студентка из Ташкента, приеду на стажировку в Шымкент. Можно присоединиться к волонтерам?',
    story: {
      kind: 'answered',
      to: 'admin',
      at: 3,
      answerAt: 8,
      answer: 'Да, иностранные граждане участвуют наравне; зарегистрируйтесь на платформе как нерезидент.',
    },
  },
  // Resolved: the answer and the result (one later than the target).
  ...(
    [
      [2, 'KZ-75', 'phone', 'become_volunteer', 'ru', 1.5, 20],
      [6, 'KZ-71', 'website', 'consultation', 'kk', 4, 48],
      [11, 'KZ-75', 'whatsapp', 'find_volunteers', 'ru', 2, 3 * DAY],
      [15, 'KZ-19', 'telegram', 'awards', 'kk', 26, 6 * DAY],
      [22, 'KZ-71', 'email', 'grants', 'ru', 8, 9 * DAY],
      [27, 'KZ-75', 'in_person', 'humanitarian_aid', 'ru', 0.5, 2 * DAY],
      [33, 'KZ-47', 'phone', 'legal', 'ru', 30, 18 * DAY],
      [41, 'KZ-71', 'website', 'become_volunteer', 'en', 3, 30],
      [48, 'KZ-75', 'telegram', 'complaint', 'kk', 12, 12 * DAY],
      [55, 'KZ-61', 'whatsapp', 'consultation', 'ru', 5, 4 * DAY],
    ] as const
  ).map(
    ([days, region, channel, topic, lang, answerAt, resolveAt], i): DemoLiveAppeal => ({
      age: days * DAY,
      region,
      channel,
      topic,
      related: true,
      gender: i % 3 === 0 ? 'male' : 'female',
      lang,
      name: RESOLVED_NAMES[i] ?? null,
      ...(channel === 'website' || channel === 'email' ? { email: `applicant${i + 1}@example.kz` } : {}),
      text: QUESTIONS[topic][lang],
      story: {
        kind: 'resolved',
        to: region === 'KZ-75' ? 'almaty' : region === 'KZ-71' ? 'astana' : 'analyst',
        at: Math.min(answerAt, 1),
        answerAt,
        answer: ANSWERS[lang],
        resolveAt,
        result: RESULTS[topic],
      },
    }),
  ),
  // Resolved, then reopened: back in progress.
  {
    age: 12 * DAY,
    region: 'KZ-75',
    channel: 'phone',
    topic: 'complaint',
    related: true,
    gender: 'male',
    lang: 'ru',
    name: 'Тимур А.',
    phone: '+7 707 500 00 00',
    text: 'Подтверждённые часы пропали из волонтерской книжки после исправления организатором.',
    story: {
      kind: 'resolved',
      to: 'almaty',
      at: 2,
      answerAt: 5,
      answer: 'Организатор исправил часы; проверьте книжку.',
      resolveAt: 3 * DAY,
      result: 'Часы восстановлены организатором.',
      reopenAt: 5 * DAY,
      reopenNote: 'Заявитель перезвонил: часы за март всё ещё не видны.',
    },
  },
  {
    age: 25 * DAY,
    region: 'KZ-71',
    channel: 'email',
    topic: 'grants',
    related: true,
    gender: null,
    lang: 'kk',
    name: '«Мейірім» ҚҚ',
    email: 'meirim@example.kz',
    text: 'Гранттық жоба бойынша есепті платформа арқылы тапсыра аламыз ба?',
    story: {
      kind: 'resolved',
      to: 'astana',
      at: 4,
      answerAt: 10,
      answer: 'Иә, жобаның әрекеттерін платформаға енгізіңіз.',
      resolveAt: 6 * DAY,
      result: 'Түсіндірілді.',
      reopenAt: 20 * DAY,
      reopenNote: 'Ұйым есеп нысаны бойынша қосымша сұрақ қойды.',
    },
  },
  // Closed without a result.
  {
    age: 8 * DAY,
    region: 'KZ-75',
    channel: 'website',
    topic: 'become_volunteer',
    related: true,
    gender: 'female',
    lang: 'ru',
    name: 'Алина Ж.',
    email: 'alina.zh@example.kz',
    text: 'Хочу стать волонтером в Алматы. (Отправлено дважды.)',
    story: {
      kind: 'closed',
      reason: 'duplicate',
      at: 3,
      note: 'То же, что и предыдущее обращение заявителя.',
    },
  },
  {
    age: 14 * DAY,
    region: null,
    channel: 'website',
    topic: 'other',
    related: false,
    gender: null,
    lang: 'en',
    name: 'Best offer',
    email: 'promo@example.com',
    text: 'Buy followers cheap!!! Visit our site.',
    story: { kind: 'closed', reason: 'spam', at: 1, note: 'Advertising.' },
  },
  {
    age: 30 * DAY,
    region: 'KZ-71',
    channel: 'phone',
    topic: 'consultation',
    related: true,
    gender: 'male',
    lang: 'kk',
    name: null,
    phone: '+7 700 600 00 00',
    text: 'Қоңырау үзіліп қалды, өтініш мәні анықталмады.',
    story: { kind: 'closed', reason: 'no_contact', at: 3 * DAY, note: 'Үш рет қоңырау шалдық, жауап жоқ.' },
  },
  {
    age: 44 * DAY,
    region: null,
    channel: 'email',
    topic: 'other',
    related: false,
    gender: null,
    lang: 'ru',
    name: null,
    email: 'noreply@example.com',
    text: 'Рассылка: выгодные кредиты без справок.',
    story: { kind: 'closed', reason: 'spam', at: 2, note: 'Реклама.' },
  },
];

const hoursAfter = (received: number, h: number) => new Date(received + h * 3_600_000);

/** Inserts the appeals and their histories; their assignees are the demo's accounts. */
export async function insertLiveAppeals(
  trx: Trx,
  accounts: { id: number; email: string }[],
  now: Date,
): Promise<number> {
  const id = (email: string) => accounts.find((a) => a.email === email)?.id ?? null;
  const who: Record<Who, number | null> = {
    almaty: id('rfo.almaty@demo.birgemiz.kz'),
    astana: id('rfo.astana@demo.birgemiz.kz'),
    analyst: id('analyst@demo.birgemiz.kz'),
    admin: id('admin@demo.birgemiz.kz'),
  };
  for (const [i, a] of A.entries()) {
    // Up to two hours of spread, so that the day's appeals do not all share the load's minute.
    const received = now.getTime() - a.age * 3_600_000 - ((i * 53) % 120) * 60_000;
    const at = (h: number) => appealTime(hoursAfter(received, h));
    const s = a.story;
    const key = `${DEMO_PREFIX}appeal-live-${String(i + 1).padStart(3, '0')}`;
    const assignee = s.kind === 'new' || s.kind === 'closed' ? null : who[s.to];
    const reopened = s.kind === 'resolved' && s.reopenAt !== undefined;
    const status =
      s.kind === 'new'
        ? 'new'
        : s.kind === 'closed'
          ? 'closed'
          : s.kind === 'resolved' && !reopened
            ? 'resolved'
            : 'in_progress';
    const answered = s.kind === 'answered' || s.kind === 'resolved';
    const { id: appealId } = await trx
      .insertInto('appeal')
      .values({
        received_at: appealTime(new Date(received)),
        channel: a.channel,
        gender: a.gender,
        region: a.region,
        country: a.country ?? null,
        topic: a.topic,
        related: a.related ? 1 : 0,
        status,
        first_response_at: answered ? at(s.answerAt) : null,
        resolved_at: s.kind === 'resolved' && !reopened ? at(s.resolveAt) : null,
        external_id: key,
        row_key: key,
        illustrative: 1,
        source: a.channel === 'website' ? 'web' : 'staff',
        text: a.text,
        lang: a.lang,
        applicant_name: a.name,
        applicant_email: a.email ?? null,
        applicant_phone: a.phone ?? null,
        assignee_id: assignee,
        registered_by:
          a.channel === 'website' ? null : (who[a.region === 'KZ-71' ? 'astana' : 'almaty'] ?? null),
        answer: answered ? s.answer : null,
        result: s.kind === 'resolved' ? s.result : null,
        close_reason: s.kind === 'closed' ? s.reason : null,
        closed_at: s.kind === 'closed' ? at(s.at) : null,
        // The job reminded of those overdue since before the load (an hour after each target).
        reminded_response_at: !answered && s.kind !== 'closed' && a.age > 25 ? at(25) : null,
        reminded_resolution_at: status === 'in_progress' && a.age > 15 * DAY + 1 ? at(15 * DAY + 1) : null,
        updated_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const events: Insertable<AppealEventTable>[] = [];
    const event = (e: Omit<Insertable<AppealEventTable>, 'appeal_id'>) =>
      events.push({ mailed: 0, ...e, appeal_id: appealId });
    event({
      at: new Date(received).toISOString(),
      by_user: a.channel === 'website' ? null : (who[a.region === 'KZ-71' ? 'astana' : 'almaty'] ?? null),
      kind: 'registered',
      from_status: null,
      to_status: 'new',
      assignee_id: null,
      reason: a.channel === 'website' ? 'web' : 'staff',
      text: null,
    });
    if (s.kind === 'closed')
      event({
        at: hoursAfter(received, s.at).toISOString(),
        by_user: who.analyst,
        kind: 'closed',
        from_status: 'new',
        to_status: 'closed',
        assignee_id: null,
        reason: s.reason,
        text: s.note,
      });
    if (s.kind === 'assigned' || s.kind === 'answered' || s.kind === 'resolved')
      event({
        at: hoursAfter(received, s.at).toISOString(),
        by_user: assignee,
        kind: 'assigned',
        from_status: 'new',
        to_status: 'in_progress',
        assignee_id: assignee,
        reason: null,
        text: null,
      });
    if (s.kind === 'answered' || s.kind === 'resolved')
      event({
        at: hoursAfter(received, s.answerAt).toISOString(),
        by_user: assignee,
        kind: 'answered',
        from_status: 'in_progress',
        to_status: 'in_progress',
        assignee_id: null,
        reason: null,
        text: s.answer,
        mailed: a.email ? 1 : 0,
      });
    if (s.kind === 'resolved') {
      event({
        at: hoursAfter(received, s.resolveAt).toISOString(),
        by_user: assignee,
        kind: 'resolved',
        from_status: 'in_progress',
        to_status: 'resolved',
        assignee_id: null,
        reason: null,
        text: s.result,
      });
      if (s.reopenAt !== undefined)
        event({
          at: hoursAfter(received, s.reopenAt).toISOString(),
          by_user: assignee,
          kind: 'reopened',
          from_status: 'resolved',
          to_status: 'in_progress',
          assignee_id: null,
          reason: null,
          text: s.reopenNote ?? null,
        });
    }
    await trx.insertInto('appeal_event').values(events).execute();
  }
  return A.length;
}
