// The public page /verify/<code> (issue 12 item 2): server-rendered HTML that works without
// JavaScript, in kk, ru or en (?lang=, else the browser's languages), every value escaped.

import type { Lang } from '../../domain/lang.ts';
import { escapeHtml } from '../../domain/report/format.ts';
import type { LetterVerification, Verification } from './record-book.schemas.ts';

const T: Record<
  Lang,
  {
    title: string;
    status: Record<Verification['status'], string>;
    explain: Record<Verification['status'], string>;
    holder: string;
    totals: (h: string, n: number) => string;
    issued: string;
    scope: (s: string) => string;
    head: [string, string, string, string];
    unknown: string;
    unknownText: string;
    tooMany: (s: number) => string;
    letterTitle: string;
    letter: Record<LetterVerification['letter'], string>;
    letterValid: string;
    recipient: Record<LetterVerification['recipient'], string>;
    region: string;
    periodLabel: string;
    period: (p: string) => string;
  }
> = {
  kk: {
    title: 'Анықтаманы тексеру',
    status: { valid: 'Жарамды', superseded: 'Жаңасымен ауыстырылған', revoked: 'Кері қайтарылған' },
    explain: {
      valid: 'Анықтама Birgemiz платформасында берілген және өзгермеген.',
      superseded: 'Бұл волонтер кейін жаңа анықтама алды: соны сұраңыз.',
      revoked: 'Анықтамадағы сағаттардың бір бөлігі кейін кері қайтарылды немесе түзетілді.',
    },
    holder: 'Волонтер',
    totals: (h, n) => `${h} сағат, ${n} қатысу`,
    issued: 'Берілген күні',
    scope: (s) => (s === 'all' ? 'барлық жылдар' : `${s} жыл`),
    head: ['Күні', 'Іс-шара', 'Ұйымдастырушы', 'Сағат'],
    unknown: 'Мұндай код жоқ',
    unknownText: 'Кодты қалай терілгенін тексеріңіз (төрт топ, әрқайсысы төрт таңба).',
    tooMany: (s) => `Тым көп тексеру. ${s} секундтан кейін қайталаңыз.`,
    letterTitle: 'Хатты тексеру',
    letter: { thanks: 'Алғыс хат', best_volunteer: 'Өңірдің үздік волонтері' },
    letterValid: 'Хат Birgemiz жүйесінде берілген.',
    recipient: { volunteer: 'Волонтер', organization: 'Ұйым' },
    region: 'Өңір',
    periodLabel: 'Кезең',
    period: (p) =>
      /H1$/.test(p)
        ? `${p.slice(0, 4)} жыл, бірінші жартыжылдық`
        : /H2$/.test(p)
          ? `${p.slice(0, 4)} жыл, екінші жартыжылдық`
          : `${p} жыл`,
  },
  ru: {
    title: 'Проверка справки',
    status: { valid: 'Действительна', superseded: 'Заменена новой', revoked: 'Отозвана' },
    explain: {
      valid: 'Справка выдана на платформе Birgemiz и не менялась.',
      superseded: 'Позже этот волонтер получил новую справку: попросите её.',
      revoked: 'Часть часов из справки позже отозвана или исправлена.',
    },
    holder: 'Волонтер',
    totals: (h, n) => `${h} ч, участий: ${n}`,
    issued: 'Дата выдачи',
    scope: (s) => (s === 'all' ? 'все годы' : `${s} год`),
    head: ['Дата', 'Мероприятие', 'Организатор', 'Часы'],
    unknown: 'Такого кода нет',
    unknownText: 'Проверьте, как набран код (четыре группы по четыре знака).',
    tooMany: (s) => `Слишком много проверок. Повторите через ${s} с.`,
    letterTitle: 'Проверка письма',
    letter: { thanks: 'Благодарственное письмо', best_volunteer: 'Лучший волонтер региона' },
    letterValid: 'Письмо выдано в системе Birgemiz.',
    recipient: { volunteer: 'Волонтер', organization: 'Организация' },
    region: 'Регион',
    periodLabel: 'Период',
    period: (p) =>
      /H1$/.test(p)
        ? `${p.slice(0, 4)}, первое полугодие`
        : /H2$/.test(p)
          ? `${p.slice(0, 4)}, второе полугодие`
          : `${p} год`,
  },
  en: {
    title: 'Certificate check',
    status: { valid: 'Valid', superseded: 'Superseded', revoked: 'Revoked' },
    explain: {
      valid: 'This certificate was issued on the Birgemiz platform and has not changed.',
      superseded: 'The volunteer was issued a newer certificate since: ask for that one.',
      revoked: 'Some of the hours on this certificate were revoked or corrected since.',
    },
    holder: 'Volunteer',
    totals: (h, n) => `${h} hours, ${n} participations`,
    issued: 'Issued',
    scope: (s) => (s === 'all' ? 'all years' : `year ${s}`),
    head: ['Date', 'Opportunity', 'Organiser', 'Hours'],
    unknown: 'No such code',
    unknownText: 'Check how the code was typed (four groups of four characters).',
    tooMany: (s) => `Too many checks. Try again in ${s} s.`,
    letterTitle: 'Letter check',
    letter: { thanks: 'Letter of thanks', best_volunteer: 'Best Volunteer of the Region' },
    letterValid: 'This letter was issued in Birgemiz.',
    recipient: { volunteer: 'Volunteer', organization: 'Organisation' },
    region: 'Region',
    periodLabel: 'Period',
    period: (p) =>
      /H1$/.test(p)
        ? `${p.slice(0, 4)}, first half`
        : /H2$/.test(p)
          ? `${p.slice(0, 4)}, second half`
          : `year ${p}`,
  },
};

const page = (lang: Lang, title: string, body: string) => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Birgemiz</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;padding:16px;color:#1a1a1a;background:#f6f7f9;line-height:1.45}
main{max-width:760px;margin:0 auto;background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:16px}
h1{font-size:1.4rem;margin:0 0 12px}
.status{display:inline-block;padding:4px 10px;border-radius:12px;font-weight:700}
.valid{background:#e3f4e8;color:#0d5b26}.superseded{background:#fff4d6;color:#6b4e00}.revoked{background:#fde3e3;color:#8a1212}
table{border-collapse:collapse;width:100%;margin-top:12px;font-size:.95rem}
th,td{border-bottom:1px solid #d9dde3;padding:6px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
.scroll{overflow-x:auto}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}dt{color:#4a4f57}
</style>
</head>
<body><main>${body}</main></body>
</html>`;

const day = (iso: string, lang: Lang) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return lang === 'en' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
};
const hours = (h: number, lang: Lang) => {
  const s = (Math.round(h * 100) / 100).toString();
  return lang === 'en' ? s : s.replace('.', ',');
};

export function verifiedPage(v: Verification, lang: Lang): string {
  const t = T[lang];
  const rows = v.entries
    .map(
      (e) =>
        `<tr><td>${escapeHtml(day(e.start, lang))}</td><td>${escapeHtml(e.opportunity)}</td><td>${escapeHtml(e.organization)}</td><td class="n">${escapeHtml(hours(e.hours, lang))}</td></tr>`,
    )
    .join('');
  return page(
    lang,
    t.title,
    `<h1>${escapeHtml(t.title)}: ${escapeHtml(v.code)}</h1>
<p><span class="status ${v.status}" data-status="${v.status}">${escapeHtml(t.status[v.status])}</span></p>
<p>${escapeHtml(t.explain[v.status])}</p>
<dl>
<dt>${escapeHtml(t.holder)}</dt><dd>${escapeHtml(v.holder)} (${escapeHtml(t.scope(v.scope))})</dd>
<dt>${escapeHtml(t.issued)}</dt><dd>${escapeHtml(day(v.issuedAt, lang))}</dd>
<dt>Σ</dt><dd>${escapeHtml(t.totals(hours(v.totals.hours, lang), v.totals.participations))}</dd>
</dl>
<div class="scroll" tabindex="0" role="region" aria-label="${escapeHtml(t.title)}"><table><thead><tr><th>${t.head
      .slice(0, 3)
      .map(escapeHtml)
      .join(
        '</th><th>',
      )}</th><th class="n">${escapeHtml(t.head[3])}</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}

/** A letter of thanks or a Best Volunteer letter (issue 13): what it is, to whom, where, when. */
export function letterPage(v: LetterVerification, lang: Lang, regionName: string): string {
  const t = T[lang];
  return page(
    lang,
    t.letterTitle,
    `<h1>${escapeHtml(t.letterTitle)}: ${escapeHtml(v.code)}</h1>
<p><span class="status valid" data-status="valid" data-kind="letter">${escapeHtml(t.status.valid)}</span></p>
<p>${escapeHtml(t.letterValid)}</p>
<dl>
<dt>${escapeHtml(t.letterTitle)}</dt><dd data-letter="${v.letter}">${escapeHtml(t.letter[v.letter])}</dd>
<dt>${escapeHtml(t.recipient[v.recipient])}</dt><dd>${escapeHtml(v.holder)}</dd>
<dt>${escapeHtml(t.region)}</dt><dd>${escapeHtml(regionName)}</dd>
<dt>${escapeHtml(t.periodLabel)}</dt><dd>${escapeHtml(t.period(v.period))}</dd>
<dt>${escapeHtml(t.issued)}</dt><dd>${escapeHtml(day(new Date(Date.parse(v.issuedAt) + 5 * 3600_000).toISOString(), lang))}</dd>
</dl>`,
  );
}

export const unknownPage = (lang: Lang) =>
  page(
    lang,
    T[lang].unknown,
    `<h1>${escapeHtml(T[lang].unknown)}</h1><p>${escapeHtml(T[lang].unknownText)}</p>`,
  );

export const tooManyPage = (lang: Lang, seconds: number) =>
  page(
    lang,
    T[lang].title,
    `<h1>${escapeHtml(T[lang].title)}</h1><p>${escapeHtml(T[lang].tooMany(seconds))}</p>`,
  );

/** The page's language: ?lang=, else the first of the browser's languages we have, else Russian. */
export function pageLang(query: unknown, acceptLanguage: string | undefined): Lang {
  const asked = (query as { lang?: unknown } | undefined)?.lang;
  if (asked === 'kk' || asked === 'ru' || asked === 'en') return asked;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'kk' || tag === 'ru' || tag === 'en') return tag;
  }
  return 'ru';
}
