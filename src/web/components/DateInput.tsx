// Date and month fields that follow the interface language, not the browser's: Chromium draws
// <input type="date"> and type="month" in the browser's own locale whatever the page's lang says
// (an English browser shows mm/dd/yyyy on a Kazakh page). These are text fields in the language's
// usual order, kk / ru 31.12.2022, en 31/12/2022, that also take an ISO date (2022-12-31) typed or
// pasted. The form gets the ISO value, or the text as typed while it is not one (the rules then
// say so).
import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';
import type { Lang } from '../../domain/lang.ts';
import { useT } from '../lib/i18n.ts';

const SEPARATOR: Record<Lang, string> = { kk: '.', ru: '.', en: '/' };
/** What the empty field shows: the order of day, month and year in the language's own letters. */
const PLACEHOLDER: Record<Lang, string> = { kk: 'КК.АА.ЖЖЖЖ', ru: 'ДД.ММ.ГГГГ', en: 'DD/MM/YYYY' };

export function formatDateInput(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? [m[3], m[2], m[1]].join(SEPARATOR[lang]) : iso;
}

/** The ISO date of a day written day first (31.12.2022, 31/12/2022, 31-12-2022) or as ISO; null when none. */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const local = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$/.exec(s);
  const [y, mo, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : local
      ? [Number(local[3]), Number(local[2]), Number(local[1])]
      : [0, 0, 0];
  if (!y) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const MONTH_PLACEHOLDER: Record<Lang, string> = { kk: 'АА.ЖЖЖЖ', ru: 'ММ.ГГГГ', en: 'MM/YYYY' };

export function formatMonthInput(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(iso);
  return m ? [m[2], m[1]].join(SEPARATOR[lang]) : iso;
}

/** The YYYY-MM of a month written month first (03.2022, 3/2022) or as YYYY-MM; null when none. */
export function parseMonthInput(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(s);
  const local = /^(\d{1,2})\s*[./-]\s*(\d{4})$/.exec(s);
  const [y, mo] = iso
    ? [Number(iso[1]), Number(iso[2])]
    : local
      ? [Number(local[2]), Number(local[1])]
      : [0, 0];
  if (!y || mo < 1 || mo > 12) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}`;
}

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange(value: string): void;
};

const KINDS = {
  date: { format: formatDateInput, parse: parseDateInput, placeholder: PLACEHOLDER },
  month: { format: formatMonthInput, parse: parseMonthInput, placeholder: MONTH_PLACEHOLDER },
};

function LocalInput({ kind, value, onChange, onBlur, ...rest }: Props & { kind: keyof typeof KINDS }) {
  const { lang } = useT();
  const { format, parse, placeholder } = KINDS[kind];
  const [text, setText] = useState(() => format(value, lang));
  // What this field last gave the form: a value coming back is what is being typed, left as typed;
  // any other (a restored draft, another row, a reset) or another language is shown anew.
  const emitted = useRef<string | null>(null);
  const shownLang = useRef(lang);
  useEffect(() => {
    if (value === emitted.current && lang === shownLang.current) return;
    shownLang.current = lang;
    emitted.current = null;
    setText((shown) => {
      const parsed = parse(shown);
      return format(parsed !== null && parsed === value ? parsed : value, lang);
    });
  }, [value, lang, format, parse]);
  return (
    <input
      {...rest}
      type="text"
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder[lang]}
      data-date-input={kind}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const next = parse(e.target.value) ?? e.target.value;
        emitted.current = next;
        onChange(next);
      }}
      onBlur={(e) => {
        const parsed = parse(text);
        if (parsed) setText(format(parsed, lang));
        onBlur?.(e);
      }}
    />
  );
}

/** A day: kk / ru 31.12.2022, en 31/12/2022 (an ISO date is read too); gives the form YYYY-MM-DD. */
export function DateInput(props: Props) {
  return <LocalInput kind="date" {...props} />;
}

/** A month: kk / ru 03.2022, en 03/2022 (YYYY-MM is read too); gives YYYY-MM. */
export function MonthInput(props: Props) {
  return <LocalInput kind="month" {...props} />;
}
