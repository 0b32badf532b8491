// The national office's completeness and timeliness matrix: region × month, then the half-years
// and the year (the volunteer and organisation stocks), each cell the return's status shown by
// colour, symbol and text (never colour alone) in the words the region sees, linking to its review.

import type { Matrix } from '../../../modules/submissions/submissions.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import {
  RETURN_STATES_SHOWN,
  ReturnStatusBadge,
  STATE_SYMBOL,
  stateClass,
  statusOfReturn,
  useStatusWords,
} from '../../components/ReturnStatus.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Loading, PageTitle, YearSelect } from '../../components/ui.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { monthName, useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { Link, setQuery, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { usePeriodLabel } from '../rfo/periodLabel.ts';
import { Templates } from '../rfo/Templates.tsx';

const NONE = '·';

/** A column's heading: the month's short name, or H1 / H2 / Year for the stocks. */
function useColumnLabel() {
  const { t } = useT();
  return (p: string) =>
    p.endsWith('-H1')
      ? t('returns.column.h1')
      : p.endsWith('-H2')
        ? t('returns.column.h2')
        : p.length === 4
          ? t('returns.column.year')
          : monthName(t, Number(p.slice(5)), 'short');
}

function MatrixView({ settlesDisputes }: { settlesDisputes: boolean }) {
  const { t, lang } = useT();
  const { query } = useLocation();
  const territories = useTerritories();
  const thisYear = new Date().getFullYear();
  const yearParam = Number(query.get('year'));
  const year = yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear;
  const m = useApi<Matrix>('/api/submissions/matrix', { year });
  const d = m.data;
  const months = d?.months ?? [];
  const stockPeriods = d?.stockPeriods ?? [];
  const columns = [...months, ...stockPeriods];
  const column = useColumnLabel();
  const periodLabel = usePeriodLabel();
  const words = useStatusWords();
  const cells = new Map((d?.cells ?? []).map((c) => [`${c.region}|${c.period}`, c]));

  return (
    <div>
      <PageTitle sub={t('matrix.lead')}>{t('matrix.title', { year })}</PageTitle>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('dashboard.filters')}>
        <YearSelect year={year} onChange={(y) => setQuery({ year: String(y) })} />
      </form>
      <ul className="legend" aria-label={t('map.legend')}>
        {RETURN_STATES_SHOWN.map((s) => (
          <li key={s}>
            <ReturnStatusBadge status={{ state: s, overdue: false, late: false }} />
          </li>
        ))}
        <li>
          <span aria-hidden="true">!</span> {t('returns.flag.late')} / {t('returns.flag.overdue')}
        </li>
        <li>
          <span aria-hidden="true">{NONE}</span> {t('returns.status.none')}
        </li>
      </ul>
      <ErrorBox error={m.error} />
      {m.loading ? <Loading /> : null}
      {d ? (
        <TableWrap>
          <table className="matrix">
            <caption>{t('matrix.caption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.region')}</th>
                {columns.map((p) => (
                  <th
                    key={p}
                    scope="col"
                    className={p === stockPeriods[0] ? 'matrix-stocks-start' : undefined}
                    title={periodLabel(p)}
                  >
                    {column(p)}
                  </th>
                ))}
                <th scope="col">{t('matrix.completeness')}</th>
                <th scope="col">{t('matrix.timeliness')}</th>
              </tr>
            </thead>
            <tbody>
              {d.regions.map((r) => (
                <tr key={r}>
                  <th scope="row">{territoryName(territories, r, lang)}</th>
                  {columns.map((p) => {
                    const c = cells.get(`${r}|${p}`);
                    const place = `${territoryName(territories, r, lang)}, ${periodLabel(p)}`;
                    const start = p === stockPeriods[0] ? 'matrix-stocks-start' : undefined;
                    if (!c?.expected) {
                      const label = `${place}: ${t('returns.status.none')}`;
                      return (
                        <td key={p} className={start}>
                          <span className="cell cell-none" title={label} data-status="none">
                            <span aria-hidden="true">{NONE}</span>
                            <span className="visually-hidden">{label}</span>
                          </span>
                        </td>
                      );
                    }
                    const s = statusOfReturn(p, c, c.started);
                    const label = `${place}: ${words(s)}`;
                    return (
                      <td key={p} className={start}>
                        <Link
                          to={`/national/review/${r}/${p}`}
                          className={`cell cell-${stateClass(s.state)}`}
                          aria-label={label}
                          title={label}
                          data-status={s.state}
                          data-overdue={s.overdue ? 'true' : undefined}
                        >
                          {STATE_SYMBOL[s.state]}
                          {s.overdue || s.late ? <span aria-hidden="true">!</span> : null}
                        </Link>
                      </td>
                    );
                  })}
                  <td className="num">{formatPercent(d.completeness[r], lang, 1)}</td>
                  <td className="num">{formatPercent(d.timeliness[r], lang, 1)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={columns.length + 1}>
                  {t('matrix.national', {
                    count: d.national.expected,
                    submitted: formatNumber(d.national.submitted, lang),
                    expected: formatNumber(d.national.expected, lang),
                  })}
                </th>
                <td className="num" data-testid="national-completeness">
                  {formatPercent(d.national.completeness, lang, 1)}
                </td>
                <td className="num">{formatPercent(d.national.timeliness, lang, 1)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      ) : null}
      <p>
        <Link to={`/reports?year=${year}`}>{t('matrix.toReports')}</Link>
      </p>
      <p>
        <Link to="/platform/organizations">{t('platformOrgs.link')}</Link>
        {' · '}
        <Link to="/appeals">{t('appeals.queueTitle')}</Link>
        {' · '}
        <Link to="/grants">{t('grants.nav')}</Link>
      </p>
      <p>
        <Link to="/awards">{t('awards.link')}</Link>
        {' · '}
        <Link to="/awards/rounds">{t('awards.roundsLink')}</Link>
      </p>
      {settlesDisputes ? (
        <p>
          <Link to="/platform/disputes">{t('applications.disputesLink')}</Link>
          {' · '}
          <Link to="/platform/assessment-contests">{t('assessments.contestsLink')}</Link>
        </p>
      ) : null}
      <Templates year={year} />
    </div>
  );
}

export default function MatrixPage() {
  return (
    <RequireRole roles={['national_admin', 'national_analyst']}>
      {(user) => <MatrixView settlesDisputes={user.role === 'national_admin'} />}
    </RequireRole>
  );
}
