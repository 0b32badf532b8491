// The national office's completeness and timeliness matrix: region × month, each cell the
// submission's status shown by colour, symbol and text (never colour alone), linking to its review.

import type { Matrix } from '../../../modules/submissions/submissions.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Loading, PageTitle, StatusBadge, YearSelect } from '../../components/ui.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { monthName, useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { Link, setQuery, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { Templates } from '../rfo/Templates.tsx';

const SYMBOL = {
  draft: '✎',
  submitted: '→',
  accepted: '✓',
  returned: '↩',
  missing: '∅',
  none: '·',
} as const;
type CellState = keyof typeof SYMBOL;

/** A cell's state: its submission's status; 'none' where the unit did not exist (nothing due). */
function stateOf(c: Matrix['cells'][number] | undefined): CellState {
  if (!c?.expected) return 'none';
  return (c.status ?? 'missing') as CellState;
}

function MatrixView() {
  const { t, lang } = useT();
  const { query } = useLocation();
  const territories = useTerritories();
  const thisYear = new Date().getFullYear();
  const yearParam = Number(query.get('year'));
  const year = yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear;
  const m = useApi<Matrix>('/api/submissions/matrix', { year });
  const d = m.data;
  const months = d?.months ?? [];
  const cells = new Map((d?.cells ?? []).map((c) => [`${c.region}|${c.period}`, c]));

  return (
    <div>
      <PageTitle sub={t('matrix.lead')}>{t('matrix.title', { year })}</PageTitle>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('dashboard.filters')}>
        <YearSelect year={year} onChange={(y) => setQuery({ year: String(y) })} />
      </form>
      <ul className="legend" aria-label={t('map.legend')}>
        {(['accepted', 'submitted', 'returned', 'draft', null] as const).map((s) => (
          <li key={s ?? 'missing'}>
            <StatusBadge status={s} />
          </li>
        ))}
        <li>
          <span aria-hidden="true">!</span> {t('status.late')} / {t('status.overdue')}
        </li>
        <li>
          <span aria-hidden="true">{SYMBOL.none}</span> {t('status.none')}
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
                {months.map((p) => (
                  <th key={p} scope="col">
                    {monthName(t, Number(p.slice(5)), 'short')}
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
                  {months.map((p) => {
                    const c = cells.get(`${r}|${p}`);
                    const s = stateOf(c);
                    const month = monthName(t, Number(p.slice(5)));
                    const late =
                      c?.timeliness === 'late' || c?.timeliness === 'overdue' ? c.timeliness : null;
                    const label = `${territoryName(territories, r, lang)}, ${month}: ${t(`status.${s}`)}${late ? `, ${t(`status.${late}`)}` : ''}`;
                    return (
                      <td key={p}>
                        {s === 'none' ? (
                          <span className="cell cell-none" title={label} data-status={s}>
                            <span aria-hidden="true">{SYMBOL[s]}</span>
                            <span className="visually-hidden">{label}</span>
                          </span>
                        ) : (
                          <Link
                            to={`/national/review/${r}/${p}`}
                            className={`cell cell-${s}`}
                            aria-label={label}
                            title={label}
                            data-status={s}
                          >
                            {SYMBOL[s]}
                            {late ? <span aria-hidden="true">!</span> : null}
                          </Link>
                        )}
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
                <th scope="row" colSpan={months.length + 1}>
                  {t('matrix.national', {
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
      <Templates year={year} />
    </div>
  );
}

export default function MatrixPage() {
  return <RequireRole roles={['national_admin', 'national_analyst']}>{() => <MatrixView />}</RequireRole>;
}
