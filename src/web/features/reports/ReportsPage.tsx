// The published reports: the annual report, "Volunteers in numbers" (half-year) and the monthly
// monitoring, viewed as the server-rendered HTML page and downloaded as .xlsx, .docx or JSON.
import { useState } from 'react';
import type { Lang } from '../../../domain/lang.ts';
import { LanguageSelect, PageTitle, YearSelect } from '../../components/ui.tsx';
import { withQuery } from '../../lib/api.ts';
import { monthName, useT } from '../../lib/i18n.ts';
import { useLocation } from '../../lib/router.tsx';
import { isNationalRole, useSession } from '../../lib/session.tsx';

type Kind = 'annual' | 'half-year' | 'monthly';

export function reportUrls(kind: Kind, period: string, query: Record<string, string | undefined>) {
  const base = `/api/reports/${kind}/${period}`;
  return {
    json: withQuery(base, query),
    html: withQuery(`${base}.html`, query),
    xlsx: kind === 'annual' ? withQuery(`${base}.xlsx`, query) : null,
    docx: kind === 'annual' ? withQuery(`${base}.docx`, query) : null,
  };
}

export function ReportsPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const { query } = useLocation();
  const [kind, setKind] = useState<Kind>('annual');
  const [year, setYear] = useState(Number(query.get('year') ?? 2022));
  const [half, setHalf] = useState<'H1' | 'H2'>('H1');
  const [month, setMonth] = useState(12);
  const [reportLang, setReportLang] = useState<Lang>(lang);
  const [provisional, setProvisional] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const staff = !!user && (isNationalRole(user.role) || user.role === 'rfo');

  const period =
    kind === 'annual'
      ? String(year)
      : kind === 'half-year'
        ? `${year}-${half}`
        : `${year}-${String(month).padStart(2, '0')}`;
  const urls = reportUrls(kind, period, { lang: reportLang, provisional: provisional ? 'true' : undefined });
  // The period as people say it ("декабрь 2022", "2022 жылғы желтоқсан", "I полугодие 2022"), never
  // the code (2022-12).
  const monthWord = monthName(t, month);
  const periodText =
    kind === 'annual'
      ? String(year)
      : kind === 'half-year'
        ? `${t(half === 'H1' ? 'reports.h1' : 'reports.h2')} ${year}`
        : t('dashboard.monthOfYear', {
            month: lang === 'en' ? monthWord : monthWord.toLocaleLowerCase(lang),
            year,
          });

  return (
    <div>
      <PageTitle sub={t('reports.lead')}>{t('reports.title')}</PageTitle>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('reports.choose')}>
        <label>
          {t('reports.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="annual">{t('reports.annual')}</option>
            <option value="half-year">{t('reports.halfYear')}</option>
            <option value="monthly">{t('reports.monthly')}</option>
          </select>
        </label>
        <YearSelect year={year} onChange={setYear} />
        {kind === 'half-year' ? (
          <label>
            {t('reports.half')}
            <select value={half} onChange={(e) => setHalf(e.target.value as 'H1' | 'H2')}>
              <option value="H1">{t('reports.h1')}</option>
              <option value="H2">{t('reports.h2')}</option>
            </select>
          </label>
        ) : null}
        {kind === 'monthly' ? (
          <label>
            {t('dashboard.month')}
            <select value={month} onChange={(e) => setMonth(Number(e.target.value))}>
              {[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => (
                <option key={m} value={m}>
                  {monthName(t, m)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <LanguageSelect label={t('reports.language')} value={reportLang} onChange={setReportLang} />
        {staff ? (
          <label className="check">
            <input type="checkbox" checked={provisional} onChange={(e) => setProvisional(e.target.checked)} />
            {t('reports.provisional')}
          </label>
        ) : null}
      </form>

      <section className="panel" aria-labelledby="report-actions">
        <h2 id="report-actions">
          {t(`reports.${kind === 'half-year' ? 'halfYear' : kind}`)} · {periodText}
        </h2>
        <ul className="actions-list">
          <li>
            <button type="button" className="btn" onClick={() => setShown(urls.html)}>
              {t('reports.view')}
            </button>
          </li>
          <li>
            <a className="btn btn-secondary" href={urls.html} target="_blank" rel="noopener">
              {t('reports.openPrint')}
            </a>
          </li>
          {urls.xlsx ? (
            <li>
              <a className="btn btn-secondary" href={urls.xlsx} download data-testid="download-xlsx">
                {t('reports.downloadXlsx')}
              </a>
            </li>
          ) : null}
          {urls.docx ? (
            <li>
              <a className="btn btn-secondary" href={urls.docx} download data-testid="download-docx">
                {t('reports.downloadDocx')}
              </a>
            </li>
          ) : null}
          <li>
            <a
              className="btn btn-secondary"
              href={urls.json}
              download={`${kind}-${period}.json`}
              data-testid="download-json"
            >
              {t('reports.downloadJson')}
            </a>
          </li>
        </ul>
        {kind === 'annual' && user && isNationalRole(user.role) ? (
          <p>
            <a href={`/api/reports/data-quality/${year}`}>{t('reports.dataQuality')}</a>
          </p>
        ) : null}
      </section>
      {shown ? (
        <section className="panel" aria-labelledby="report-view">
          <h2 id="report-view" className="visually-hidden">
            {t('reports.view')}
          </h2>
          <iframe
            className="report-frame"
            title={t('reports.frameTitle', { period: periodText })}
            src={shown}
          />
        </section>
      ) : null}
    </div>
  );
}
