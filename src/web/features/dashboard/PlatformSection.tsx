// The volunteer platform on the public dashboard (issue 11 item 7): organisations verified,
// opportunities published, places in upcoming shifts (offered and free), applications by status and
// the hours confirmed, for the country or one region, by region and by area. The platform as it is
// now, not the year chosen above. A bar per area (confirmed hours) drawn with plain elements, its
// figures beside it and in the tables: readable at 360 px and by a screen reader without the bars.
import type { PlatformDashboard } from '../../../modules/platform-stats/platform-stats.schemas.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Loading } from '../../components/ui.tsx';
import { formatDateTime, formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { useApi } from '../../lib/useApi.ts';

const STATUSES = [
  'pending',
  'waitlisted',
  'accepted',
  'declined',
  'withdrawn',
  'attended',
  'no_show',
] as const;

type Row = PlatformDashboard['total'];

export function PlatformSection({ region }: { region: string | null }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const res = useApi<PlatformDashboard>('/api/dashboard/platform', { region, lang });
  const d = res.data;
  const figures = (r: Row) => [
    formatNumber(r.organizations, lang),
    formatNumber(r.opportunities, lang),
    formatNumber(r.placesOffered, lang),
    formatNumber(r.placesFree, lang),
    formatNumber(r.applicationsTotal, lang),
    formatHours(r.confirmedHours, lang),
  ];
  const head = [
    t('platformStats.dashboard.organizations'),
    t('platformStats.dashboard.opportunities'),
    t('platformStats.dashboard.placesOffered'),
    t('platformStats.dashboard.placesFree'),
    t('platformStats.dashboard.applications'),
    t('platformStats.dashboard.confirmedHours'),
  ];
  const table = (
    caption: string,
    first: string,
    rows: { key: string; name: string; r: Row }[],
    testId: string,
  ) => (
    <TableWrap>
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {head.map((h) => (
              <th key={h} scope="col" className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.key}>
              <th scope="row">{x.name}</th>
              {figures(x.r).map((f, i) => (
                <td key={head[i]} className="num">
                  {f}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
  const maxHours = d ? Math.max(0, ...d.byArea.map((a) => a.confirmedHours)) : 0;
  const empty =
    d && d.total.organizations === 0 && d.total.opportunities === 0 && d.total.applicationsTotal === 0;
  return (
    <section className="panel" aria-labelledby="platform-title" data-testid="platform-section">
      <h2 id="platform-title">{t('platformStats.dashboard.title')}</h2>
      <ErrorBox error={res.error} />
      {res.loading && !d ? <Loading /> : null}
      {d ? (
        <>
          <p className="muted">
            {t('platformStats.dashboard.intro', { date: formatDateTime(d.asOf, lang) })}
          </p>
          {empty ? <p>{t('platformStats.dashboard.none')}</p> : null}
          <dl className="key-figures" data-testid="platform-key">
            {head.map((h, i) => (
              <div className="kf" key={h}>
                <dt>{h}</dt>
                <dd>
                  <span className="kf-value">{figures(d.total)[i]}</span>
                </dd>
              </div>
            ))}
          </dl>
          {d.byArea.some((a) => a.confirmedHours > 0) ? (
            <>
              <h3>{t('platformStats.dashboard.hoursChart')}</h3>
              <ul className="platform-bars" data-testid="platform-bars">
                {d.byArea
                  .filter((a) => a.confirmedHours > 0)
                  .map((a) => (
                    <li key={a.area}>
                      <span>{a.name}</span>
                      <span className="num">{formatHours(a.confirmedHours, lang)}</span>
                      <span className="platform-bar" aria-hidden="true">
                        <span style={{ width: `${maxHours ? (100 * a.confirmedHours) / maxHours : 0}%` }} />
                      </span>
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
          {d.byArea.length
            ? table(
                t('platformStats.dashboard.byArea'),
                t('platformStats.dashboard.area'),
                d.byArea.map((a) => ({ key: a.area, name: a.name, r: a })),
                'platform-by-area',
              )
            : null}
          {d.byArea.length ? <p className="muted">{t('platformStats.dashboard.byAreaNote')}</p> : null}
          {!region && d.byRegion.length
            ? table(
                t('platformStats.dashboard.byRegion'),
                t('platformStats.dashboard.region'),
                d.byRegion.map((x) => ({
                  key: x.region,
                  name: territoryName(territories, x.region, lang) || x.name,
                  r: x,
                })),
                'platform-by-region',
              )
            : null}
          {d.total.applicationsTotal ? (
            <TableWrap>
              <table data-testid="platform-statuses">
                <caption>{t('platformStats.dashboard.statusesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('platformStats.dashboard.status')}</th>
                    <th scope="col" className="num">
                      {t('platformStats.dashboard.applications')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {STATUSES.map((s) => (
                    <tr key={s}>
                      <th scope="row">{t(`platformStats.dashboard.statuses.${s}`)}</th>
                      <td className="num">{formatNumber(d.total.applications[s], lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
