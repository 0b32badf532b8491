// Small shared pieces: loading and error states, labelled fields, status badges, the year and
// language choices.
import { type ReactNode, useId } from 'react';
import { isLang, LANGS, type Lang } from '../../domain/lang.ts';
import { ApiError, isNetworkError } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { codeText } from '../lib/problemText.ts';
import { useTerritories } from '../lib/reference.ts';

export function Loading() {
  const { t } = useT();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** The statuses errors.http… names. */
const HTTP_ERRORS = [401, 403, 404, 409, 413, 422, 429] as const;
const isHttpError = (s: number): s is (typeof HTTP_ERRORS)[number] =>
  (HTTP_ERRORS as readonly number[]).includes(s);

export function ErrorBox({ error }: { error: unknown }) {
  return error ? <ErrorAlert error={error} /> : null;
}

/** Rendered only for an error: the region names an error may need are fetched only then. */
function ErrorAlert({ error }: { error: unknown }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  let text: string;
  // A code the catalogues name is said in the reader's language (lib/problemText.ts); for another,
  // the server's own message (in English) helps with a refused request, marked as English.
  let detail: string | null = null;
  const known = error instanceof ApiError ? codeText(t, lang, territories, error) : null;
  if (isNetworkError(error)) text = t('errors.network');
  else if (known) text = known;
  else if (error instanceof ApiError) {
    text = isHttpError(error.status) ? t(`errors.http${error.status}`) : t('errors.generic');
    if (error.message && [400, 409, 413, 422].includes(error.status)) detail = error.message;
  } else text = t('errors.generic');
  return (
    <div className="alert alert-error" role="alert">
      {text}
      {detail ? (
        <>
          {' '}
          <small lang="en">({detail})</small>
        </>
      ) : null}
    </div>
  );
}

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | null;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <small id={hintId} className="muted">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={errId} className="field-error">
          {error}
        </small>
      ) : null}
    </div>
  );
}

export function PageTitle({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  return (
    <header className="page-title">
      <h1>{children}</h1>
      {sub ? <p className="muted">{sub}</p> : null}
    </header>
  );
}

/** The year to show, labelled: 2021 to this year, and the one shown when it is outside them. */
export function YearSelect({ year, onChange }: { year: number; onChange(year: number): void }) {
  const { t } = useT();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - 2020 }, (_, i) => 2021 + i);
  if (!years.includes(year)) years.push(year);
  return (
    <label>
      {t('dashboard.year')}
      <select value={year} onChange={(e) => onChange(Number(e.target.value))}>
        {years.sort().map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled choice of kk, ru and en, each named in its own language. */
export function LanguageSelect({
  label,
  className,
  value,
  onChange,
}: {
  label: ReactNode;
  className?: string;
  value: Lang;
  onChange(lang: Lang): void;
}) {
  const { t } = useT();
  return (
    <label className={className}>
      {label}
      <select value={value} onChange={(e) => isLang(e.target.value) && onChange(e.target.value)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
