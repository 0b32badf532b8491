// The regional front office's year: twelve months, each with its submission's status, deadline,
// figures and missing data, the national office's comment when returned; the half-years and the
// year (the stocks); and the blank templates and the year's data to download.
import { deadlineOf, parsePeriod } from '../../../domain/periods.ts';
import type { SubmissionListItem } from '../../../modules/submissions/submissions.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ReturnStatusBadge, statusOfReturn } from '../../components/ReturnStatus.tsx';
import { ErrorBox, Loading, PageTitle, YearSelect } from '../../components/ui.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { localName, monthName, useT } from '../../lib/i18n.ts';
import { unitsOfYear, useTerritories } from '../../lib/reference.ts';
import { Link, setQuery, useLocation } from '../../lib/router.tsx';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { usePeriodLabel } from './periodLabel.ts';
import { Templates } from './Templates.tsx';

function PeriodCard({
  region,
  period,
  title,
  sub,
}: {
  region: string;
  period: string;
  title: string;
  sub: SubmissionListItem | undefined;
}) {
  const { t, lang } = useT();
  const monthly = /^\d{4}-\d{2}$/.test(period);
  return (
    <li className="month-card" data-period={period} data-status={sub?.status ?? 'missing'}>
      <h3>{title}</h3>
      <ReturnStatusBadge status={statusOfReturn(period, sub)} />
      <small>
        {t('rfo.deadline')}: {formatDate(sub?.deadline ?? deadline(period), lang)}
      </small>
      {sub && monthly ? (
        <small>
          {t('dashboard.figure.activities')}: {formatNumber(sub.counts.activities, lang)} ·{' '}
          {t('dashboard.figure.hours')}: {formatNumber(sub.counts.hours, lang)}
        </small>
      ) : null}
      {sub?.missing.length && sub.status !== 'accepted' ? (
        <small data-testid="missing">
          {t('rfo.missing')}: {sub.missing.map((k) => t(`rfo.missingKind.${k}`)).join(', ')}
        </small>
      ) : null}
      {sub?.status === 'returned' && sub.returnComment ? (
        <p className="alert alert-warning">
          <strong>{t('rfo.returnComment')}:</strong> {sub.returnComment}
        </p>
      ) : null}
      <Link to={`/rfo/${region}/${period}`} aria-label={`${t('rfo.open')}: ${title}`}>
        {t('rfo.open')}
      </Link>
    </li>
  );
}

function Year({ user }: { user: User }) {
  const { t, lang } = useT();
  const { query } = useLocation();
  const territories = useTerritories();
  const label = usePeriodLabel();
  const thisYear = new Date().getFullYear();
  const yearParam = Number(query.get('year'));
  const year = yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear;
  const region = user.role === 'rfo' ? (user.region ?? '') : (query.get('region') ?? 'KZ-75');
  const subs = useApi<SubmissionListItem[]>(region ? '/api/submissions' : null, { year, region });
  const list = subs.data ?? [];
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const stocks = [`${year}-H1`, `${year}-H2`, String(year)];
  const regionName =
    localName(
      territories?.find((u) => u.code === region),
      lang,
    ) || region;

  return (
    <div>
      <PageTitle sub={t('rfo.lead')}>
        {t('rfo.title')}: {regionName}
      </PageTitle>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('dashboard.filters')}>
        <YearSelect year={year} onChange={(y) => setQuery({ year: String(y) })} />
        {user.role !== 'rfo' ? (
          <label>
            {t('dashboard.region')}
            <select value={region} onChange={(e) => setQuery({ region: e.target.value })}>
              {(territories ? unitsOfYear(territories, year) : []).map((u) => (
                <option key={u.code} value={u.code}>
                  {localName(u, lang)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </form>
      <ErrorBox error={subs.error} />
      {subs.loading ? <Loading /> : null}
      <h2>{t('rfo.months')}</h2>
      <ul className="months-grid">
        {months.map((p) => (
          <PeriodCard
            key={p}
            region={region}
            period={p}
            title={monthName(t, Number(p.slice(5)))}
            sub={list.find((x) => x.period === p)}
          />
        ))}
      </ul>
      <h2>{t('rfo.stocks')}</h2>
      <p className="muted">{t('rfo.stocksLead')}</p>
      <ul className="months-grid">
        {stocks.map((p) => (
          <PeriodCard
            key={p}
            region={region}
            period={p}
            title={label(p)}
            sub={list.find((x) => x.period === p)}
          />
        ))}
      </ul>
      <Templates year={year} region={region} />
      <p>
        <Link to="/platform/organizations">{t('platformOrgs.link')}</Link>
      </p>
      <p>
        <Link to="/awards">{t('awards.link')}</Link>
        {' · '}
        <Link to="/awards/rounds">{t('awards.roundsLink')}</Link>
      </p>
      <p>
        <Link to="/platform/disputes">{t('applications.disputesLink')}</Link>
        {' · '}
        <Link to="/platform/assessment-contests">{t('assessments.contestsLink')}</Link>
        {' · '}
        <Link to="/appeals">{t('appeals.queueTitle')}</Link>
      </p>
    </div>
  );
}

/** The default deadline of DOMAIN.md §4, until the server has a submission to tell. */
function deadline(period: string): string | null {
  const p = parsePeriod(period);
  return p ? deadlineOf(p) : null;
}

export default function RfoHome() {
  return <RequireRole roles={['rfo', 'national_admin']}>{(user) => <Year user={user} />}</RequireRole>;
}
