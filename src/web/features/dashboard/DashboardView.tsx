// The public dashboard for the country or one region: filters, key figures, the cartogram and the
// charts with their tables. The charts are SVG pictures drawn by the server (ServerChart), fetched
// when scrolled to: no charting library is loaded for them. Only the optional boundary map
// (Choropleth, when the operator configures BIRGEMIZ_GEOJSON) loads ECharts, lazily.
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Loading } from '../../components/ui.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { localName, monthName, useT } from '../../lib/i18n.ts';
import { territoryName, unitsOfYear, useTerritories } from '../../lib/reference.ts';
import { Link, setQuery, useLocation } from '../../lib/router.tsx';
import { Cartogram } from './Cartogram.tsx';
import { type Dashboard, loadDashboard } from './data.ts';
import { ImpactSection } from './ImpactSection.tsx';
import { PlatformSection } from './PlatformSection.tsx';
import { ServerChart } from './ServerChart.tsx';

const Choropleth = lazy(() => import('./Choropleth.tsx'));

type Figure = 'volunteers' | 'hours' | 'activities';

function KeyFigure({ id, label, value, note }: { id: string; label: string; value: string; note?: string }) {
  return (
    <div className="kf" data-testid={`kf-${id}`}>
      <dt>{label}</dt>
      <dd>
        <span className="kf-value">{value}</span>
        {note ? <small className="muted">{note}</small> : null}
      </dd>
    </div>
  );
}

function Panel({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  const { t } = useT();
  return (
    <details className="table-alt">
      <summary>{t('common.showTable')}</summary>
      <TableWrap>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r[0])}>
                <th scope="row">{r[0]}</th>
                {head.slice(1).map((h, i) => (
                  <td key={h} className="num">
                    {r[i + 1]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}

/**
 * Whether the operator configured a boundary file (BIRGEMIZ_GEOJSON): the server says so in the
 * page (a meta tag of index.html), so that a visitor's browser never asks for a file that is not
 * there (a 404 in every visitor's console).
 */
function geoJsonConfigured(): boolean {
  return (
    document.querySelector('meta[name="birgemiz-geojson"]')?.getAttribute('content') ===
    '/geo/regions.geojson'
  );
}

export function DashboardView({ region }: { region: string | null }) {
  const { t, lang } = useT();
  const { query } = useLocation();
  const territories = useTerritories();
  const yearParam = query.get('year');
  const year = yearParam && /^\d{4}$/.test(yearParam) ? Number(yearParam) : null;
  const [figure, setFigure] = useState<Figure>('volunteers');
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const geo = geoJsonConfigured();

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    loadDashboard(year, region, lang, ctl.signal)
      .then(setData)
      .catch((e) => {
        if (!ctl.signal.aborted) setError(e);
      });
    return () => ctl.abort();
  }, [year, region, lang]);

  const regionLabel = region ? territoryName(territories, region, lang) : t('dashboard.national');
  const months = Array.from({ length: 12 }, (_, i) => monthName(t, i + 1, 'short'));
  const d = data;
  const units = d && territories ? unitsOfYear(territories, d.year) : [];
  const withData = new Set(
    d?.byRegion.filter((r) => r.volunteers !== null || r.hours !== null).map((r) => r.region),
  );
  const mapUnits = withData.size ? units.filter((u) => withData.has(u.code)) : units;
  const figureLabel = t(`dashboard.figure.${figure}`);
  const areas = d ? [...d.hoursByArea].sort((a, b) => b.hours - a.hours) : [];
  const yearState = d?.yearStatus.find((y) => y.year === d.year);
  // The years with data, and the year shown when it has none (asked by its address), in order.
  const yearOptions = d ? [...new Set([...d.years, d.year])].sort((a, b) => b - a) : year ? [year] : [];

  return (
    <div className="dashboard">
      <header className="page-title">
        <h1>
          {region ? regionLabel : t('dashboard.title')}
          {d ? ` · ${d.year}` : ''}
        </h1>
        {region ? (
          <p>
            <Link to={`/${d ? `?year=${d.year}` : ''}`}>← {t('dashboard.backToNational')}</Link>
          </p>
        ) : (
          <p className="muted">{t('dashboard.lead')}</p>
        )}
      </header>

      <form className="filters" aria-label={t('dashboard.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('dashboard.year')}
          <select value={d?.year ?? year ?? ''} onChange={(e) => setQuery({ year: e.target.value })}>
            {yearOptions.map((y) => {
              const s = d?.yearStatus.find((x) => x.year === y);
              return (
                <option key={y} value={y}>
                  {s
                    ? t(`dashboard.yearState.${s.state}`, {
                        year: y,
                        completeness: formatPercent(s.completeness, lang, s.completeness < 10 ? 1 : 0),
                      })
                    : y}
                </option>
              );
            })}
          </select>
        </label>
        <label>
          {t('dashboard.region')}
          <select
            value={region ?? ''}
            onChange={(e) => {
              const v = e.target.value;
              const q = d ? `?year=${d.year}` : '';
              window.history.pushState(null, '', v ? `/regions/${v}${q}` : `/${q}`);
              window.dispatchEvent(new PopStateEvent('popstate'));
            }}
          >
            <option value="">{t('dashboard.allRegions')}</option>
            {region && !units.some((u) => u.code === region) ? (
              <option value={region}>{regionLabel}</option>
            ) : null}
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {localName(u, lang)}
              </option>
            ))}
          </select>
        </label>
      </form>

      <ErrorBox error={error} />
      {!d && !error ? <Loading /> : null}
      {d ? (
        <>
          {d.provisional ? <p className="alert alert-info">{t('dashboard.provisional')}</p> : null}
          {yearState && yearState.state !== 'complete' ? (
            <p className="alert alert-info" data-testid="year-note">
              {t(`dashboard.yearNote.${yearState.state}`, {
                year: d.year,
                completeness: formatPercent(yearState.completeness, lang, 1),
              })}
            </p>
          ) : null}
          {d.predecessor ? (
            <p className="alert alert-info" data-testid="predecessor-note">
              {t('dashboard.predecessorNote', {
                region: d.predecessor.askedName,
                predecessor: d.predecessor.name,
                year: d.year,
              })}
            </p>
          ) : null}
          <section aria-labelledby="kf-title">
            <h2 id="kf-title" className="visually-hidden">
              {t('dashboard.keyFigures')}
            </h2>
            <dl className="key-figures">
              <KeyFigure
                id="volunteers"
                label={t('dashboard.kf.volunteers')}
                value={formatNumber(d.key.volunteers, lang)}
              />
              <KeyFigure id="hours" label={t('dashboard.kf.hours')} value={formatNumber(d.key.hours, lang)} />
              <KeyFigure
                id="activities"
                label={t('dashboard.kf.activities')}
                value={formatNumber(d.key.activities, lang)}
              />
              <KeyFigure
                id="hoursPerVolunteer"
                label={t('dashboard.kf.hoursPerVolunteer')}
                value={formatNumber(d.key.hoursPerVolunteer, lang, 1)}
              />
              <KeyFigure id="npo" label={t('dashboard.kf.npo')} value={formatNumber(d.key.npo, lang)} />
              <KeyFigure
                id="initiativeGroups"
                label={t('dashboard.kf.initiativeGroups')}
                value={formatNumber(d.key.initiativeGroups, lang)}
              />
              <KeyFigure
                id="femaleShare"
                label={t('dashboard.kf.femaleShare')}
                value={formatPercent(d.key.femaleShare, lang)}
              />
            </dl>
            {(['volunteers', 'hours'] as const).map((f) =>
              d.missingRegions[f].length && d.missingRegions[f].length < d.byRegion.length ? (
                <p key={f} className="muted" data-testid={`missing-${f}`}>
                  {t('dashboard.missing', {
                    figure: t(`dashboard.figure.${f}`),
                    regions: d.missingRegions[f].map((r) => territoryName(territories, r, lang)).join(', '),
                  })}
                </p>
              ) : null,
            )}
          </section>

          {mapUnits.length > 1 ? (
            <Panel title={t('map.title')} id="map-title">
              <fieldset className="figure-switch">
                <legend>{t('map.shadeBy')}</legend>
                {(['volunteers', 'hours', 'activities'] as Figure[]).map((f) => (
                  <label key={f}>
                    <input
                      type="radio"
                      name="figure"
                      value={f}
                      checked={figure === f}
                      onChange={() => setFigure(f)}
                    />
                    {t(`dashboard.figure.${f}`)}
                  </label>
                ))}
              </fieldset>
              <Cartogram
                units={mapUnits}
                selected={region}
                label={`${figureLabel}, ${d.year}`}
                values={d.byRegion.map((r) => ({ region: r.region, value: r[figure] }))}
              />
              {geo ? (
                <Suspense fallback={<Loading />}>
                  <Choropleth
                    values={d.byRegion.map((r) => ({ region: r.region, value: r[figure] }))}
                    names={Object.fromEntries(
                      d.byRegion.map((r) => [r.region, territoryName(territories, r.region, lang) || r.name]),
                    )}
                    label={`${figureLabel}, ${d.year}`}
                    year={d.year}
                  />
                </Suspense>
              ) : null}
              <TableWrap>
                <table className="region-table">
                  <caption>{t('map.tableCaption', { year: d.year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.region')}</th>
                      <th scope="col">{t('dashboard.figure.volunteers')}</th>
                      <th scope="col">{t('dashboard.figure.hours')}</th>
                      <th scope="col">{t('dashboard.figure.activities')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...d.byRegion]
                      .sort((a, b) => (b[figure] ?? -1) - (a[figure] ?? -1))
                      .map((r) => (
                        <tr key={r.region}>
                          <th scope="row">
                            <Link to={`/regions/${r.region}?year=${d.year}`}>
                              {territoryName(territories, r.region, lang)}
                            </Link>
                          </th>
                          <td className="num">{formatNumber(r.volunteers, lang)}</td>
                          <td className="num">{formatNumber(r.hours, lang)}</td>
                          <td className="num">{formatNumber(r.activities, lang)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </TableWrap>
            </Panel>
          ) : null}

          <div className="grid-2">
            <Panel title={t('dashboard.hoursByArea')} id="areas-title">
              <ServerChart name="hours-by-area" year={d.year} region={region} lang={lang} />
              <DataTable
                caption={t('dashboard.hoursByArea')}
                head={[t('dashboard.area'), t('dashboard.figure.hours'), t('dashboard.share')]}
                rows={areas.map((a) => [a.name, formatNumber(a.hours, lang), formatPercent(a.share, lang)])}
              />
            </Panel>
            <Panel title={t('dashboard.monthly')} id="monthly-title">
              <ServerChart name="monthly" year={d.year} region={region} lang={lang} />
              <DataTable
                caption={t('dashboard.monthly')}
                head={[t('dashboard.month'), t('dashboard.figure.hours'), t('dashboard.figure.activities')]}
                rows={months.map((m, i) => {
                  const row = d.monthly.find((x) => x.month === i + 1);
                  return [m, formatNumber(row?.hours, lang), formatNumber(row?.activities, lang)];
                })}
              />
            </Panel>
            {!region ? (
              <Panel title={t('dashboard.byRegion')} id="regions-title">
                <ServerChart name="regions" year={d.year} region={region} lang={lang} />
              </Panel>
            ) : null}
            <Panel title={t('dashboard.gender')} id="gender-title">
              <ServerChart name="gender" year={d.year} region={region} lang={lang} />
              <DataTable
                caption={t('dashboard.gender')}
                head={[t('dashboard.category'), t('dashboard.figure.volunteers'), t('dashboard.share')]}
                rows={d.gender.map((g) => [
                  g.name,
                  formatNumber(g.volunteers, lang),
                  formatPercent(g.share, lang),
                ])}
              />
            </Panel>
            <Panel title={t('dashboard.age')} id="age-title">
              <ServerChart name="age" year={d.year} region={region} lang={lang} />
              <DataTable
                caption={t('dashboard.age')}
                head={[t('dashboard.category'), t('dashboard.figure.volunteers'), t('dashboard.share')]}
                rows={d.ageBands.map((g) => [
                  g.name,
                  formatNumber(g.volunteers, lang),
                  formatPercent(g.share, lang),
                ])}
              />
            </Panel>
          </div>
          <PlatformSection region={region} />
          <ImpactSection impact={d.impact} year={d.year} region={region} />
          <p>
            <Link to={`/reports?year=${d.year}`}>{t('dashboard.toReports')}</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}
