// The volunteer's record book (issue 12 items 1, 2 and 7): confirmed participations with totals by
// year and area, and certificates issued from it — all of it or a year, in kk, ru or en — to
// download as PDF or .docx, each with its code and the public address anyone checks it at.
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { LANGS } from '../../../domain/lang.ts';
import type { certificateSchema, RecordBook } from '../../../modules/record-book/record-book.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatDate, formatHours, formatKzRange, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { periodText } from '../../lib/periodText.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';

type Certificate = z.infer<typeof certificateSchema>;

export default function RecordBookPage() {
  return <RequireRole roles={['volunteer']}>{() => <Book />}</RequireRole>;
}

function Book() {
  const { t, lang } = useT();
  const book = useApi<RecordBook>('/api/platform/volunteers/me/record-book');
  const lists = useCodeLists();
  const territories = useTerritories();
  const hours = (h: number) => t('recordBook.hours', { hours: formatHours(h, lang) });
  return (
    <div className="platform-page">
      <PageTitle sub={t('recordBook.lead')}>{t('recordBook.title')}</PageTitle>
      <ErrorBox error={book.error} />
      {book.loading && !book.data ? <Loading /> : null}
      {book.data ? (
        <>
          <dl className="key-figures">
            <div className="kf">
              <dt>{t('recordBook.totalHours')}</dt>
              <dd className="kf-value" data-testid="book-hours">
                {hours(book.data.totals.hours)}
              </dd>
            </div>
            <div className="kf">
              <dt>{t('recordBook.participations')}</dt>
              <dd className="kf-value">{formatNumber(book.data.totals.participations, lang)}</dd>
            </div>
          </dl>
          {book.data.entries.length === 0 ? (
            <p className="alert alert-info">
              {t('recordBook.empty')} <Link to="/platform/opportunities">{t('applications.find')}</Link>
            </p>
          ) : (
            <>
              <section className="panel" aria-labelledby="book-by">
                <h2 id="book-by">{t('recordBook.byArea')}</h2>
                <ul className="plain-list">
                  {book.data.byArea.map((a) => (
                    <li key={a.area}>
                      {codeName(lists, 'area', a.area, lang)}: {hours(a.hours)}
                    </li>
                  ))}
                </ul>
                <h3>{t('recordBook.byYear')}</h3>
                <ul className="plain-list">
                  {book.data.byYear.map((y) => (
                    <li key={y.year}>
                      {y.year}: {hours(y.hours)}
                    </li>
                  ))}
                </ul>
              </section>
              <section className="panel" aria-labelledby="book-entries">
                <h2 id="book-entries">{t('recordBook.entries')}</h2>
                <ul className="plain-list book-entries">
                  {book.data.entries.map((e) => (
                    <li key={e.id} data-testid="book-entry">
                      <strong>{e.opportunity}</strong> · {e.organization}
                      <br />
                      {formatKzRange(e.start, e.end, lang)} · {codeName(lists, 'area', e.area, lang)},{' '}
                      {territoryName(territories, e.region, lang)} · {hours(e.hours)}
                    </li>
                  ))}
                </ul>
              </section>
              <Certificates years={book.data.byYear.map((y) => y.year)} />
              <LettersAndAwards book={book.data} />
            </>
          )}
        </>
      ) : null}
    </div>
  );
}

function Certificates({ years }: { years: number[] }) {
  const { t, lang } = useT();
  const [docLang, setDocLang] = useState<string>(lang);
  const [year, setYear] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<Certificate | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setMade(
        await post<Certificate>('/api/platform/volunteers/me/certificates', {
          lang: docLang,
          ...(year ? { year: Number(year) } : {}),
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="book-certificate">
      <h2 id="book-certificate">{t('recordBook.certificate')}</h2>
      <p className="muted">{t('recordBook.certificateLead')}</p>
      <form onSubmit={(e) => void submit(e)} className="form-grid">
        <Field label={t('recordBook.docLang')}>
          {(p) => (
            <select {...p} value={docLang} onChange={(e) => setDocLang(e.target.value)}>
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('recordBook.scope')}>
          {(p) => (
            <select {...p} value={year} onChange={(e) => setYear(e.target.value)}>
              <option value="">{t('recordBook.allYears')}</option>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="btn" disabled={busy}>
            {t('recordBook.issue')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {made ? (
        <div className="alert alert-success" role="status" data-testid="certificate">
          <p>
            {t('recordBook.code')}: <strong data-testid="certificate-code">{made.code}</strong>
          </p>
          <p>
            <a className="btn" href={made.url} download>
              {t('recordBook.pdf')}
            </a>{' '}
            <a className="btn btn-secondary" href={made.docxUrl} download>
              {t('recordBook.docx')}
            </a>
          </p>
          <p>
            {t('recordBook.checkAt')} <a href={made.verifyUrl}>{made.verifyUrl}</a>
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** Letters of thanks, Best Volunteer letters and places won (issue 13), each with its document or page. */
function LettersAndAwards({ book }: { book: RecordBook }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  if (book.letters.length === 0 && book.awards.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="book-letters">
      <h2 id="book-letters">{t('awards.book.title')}</h2>
      <ul className="plain-list">
        {book.letters.map((l) => (
          <li key={l.code} data-testid="book-letter">
            <strong>{t(`awards.kinds.${l.kind}`)}</strong> · {periodText(t, l.period)} ·{' '}
            {territoryName(territories, l.region, lang)} · {formatDate(l.issuedAt.slice(0, 10), lang)}
            <br />
            {t('recordBook.code')}: {l.code} ·{' '}
            {LANGS.map((x) => (
              <a key={x} href={`${l.url}?lang=${x}`} download className="file-link">
                {t('awards.pdfIn', { lang: t(`lang.${x}`) })}
              </a>
            ))}
          </li>
        ))}
        {book.awards.map((a) => (
          <li key={`${a.round}-${a.nomination}`} data-testid="book-award">
            <strong>{a.title}</strong> · {a.nomination} · {t('awards.book.place', { place: a.place })} ·{' '}
            <Link to={a.resultsUrl}>{t('awards.book.results')}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
