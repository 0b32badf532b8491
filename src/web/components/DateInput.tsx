// A date field that follows the interface language, not the browser's: Chromium draws
// <input type="date"> in the browser's own locale whatever the page's lang says (an English
// browser shows mm/dd/yyyy on a Kazakh page). This is a text field in the language's usual order,
// kk / ru 31.12.2022, en 31/12/2022, that also takes an ISO date (2022-12-31) typed or pasted. The
// form gets the ISO date, or the text as typed while it is not a date (the rules then say so).
import { type InputHTMLAttributes, useEffect, useState } from 'react';
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

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange(value: string): void;
};

export function DateInput({ value, onChange, onBlur, ...rest }: Props) {
  const { lang } = useT();
  const [text, setText] = useState(() => formatDateInput(value, lang));
  // A value set from outside (a restored draft, another row, the language switched) is shown anew;
  // what is being typed stays as typed.
  useEffect(() => {
    setText((shown) => {
      const parsed = parseDateInput(shown);
      return (parsed ?? shown) === value
        ? formatDateInput(parsed ?? shown, lang)
        : formatDateInput(value, lang);
    });
  }, [value, lang]);
  return (
    <input
      {...rest}
      type="text"
      autoComplete="off"
      spellCheck={false}
      placeholder={PLACEHOLDER[lang]}
      data-date-input=""
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseDateInput(e.target.value) ?? e.target.value);
      }}
      onBlur={(e) => {
        const parsed = parseDateInput(text);
        if (parsed) setText(formatDateInput(parsed, lang));
        onBlur?.(e);
      }}
    />
  );
}
