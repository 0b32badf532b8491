// The impact of volunteering on the public dashboard (issue 12 item 5): the year's figures of the
// platform for the country or the region chosen — retention, repeat participation, no-shows, the
// organisations' time to answer, beneficiaries per 100 hours, the volunteers' survey — each with
// its coverage under it ("12 of 30 …"). The shares by region and by area as charts the server draws
// (ECharts, as the dashboard's others), every figure also in the tables beside them; the
// definitions folded under the panel. A figure without data reads as a dash, never 0.
import type { Lang } from '../../../domain/lang.ts';
import type { ImpactFiguresView, ImpactSectionView } from '../../../modules/impact/impact.schemas.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { type T, useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { ServerChart } from './ServerChart.tsx';

type Key = Exclude<keyof ImpactFiguresView, 'wouldReturn' | 'belonging'>;
const KEYS: Key[] = [
  'retention',
  'repeatParticipation',
  'noShowRate',
  'responseHours',
  'beneficiariesPer100Hours',
  'satisfaction',
  'skillsGained',
];

function value(f: ImpactFiguresView, key: Key, lang: Lang): string {
  const v = f[key].value;
  if (key === 'retention' || key === 'repeatParticipation' || key === 'noShowRate')
    return formatPercent(v, lang, 1);
  if (key === 'responseHours') return formatNumber(v, lang, 1);
  return formatNumber(v, lang, key === 'beneficiariesPer100Hours' ? 1 : 2);
}

function coverage(t: T, f: ImpactFiguresView, key: Key, year: number): string {
  const { n, of } = f[key];
  if (key === 'satisfaction' || key === 'skillsGained') return t('impact.coverage.survey', { n, of });
  if (key === 'retention') return t('impact.coverage.retention', { n, of, year: String(year - 1) });
  return t(`impact.coverage.${key}`, { n, of });
}

const anyShare = (rows: ImpactFiguresView[]) =>
  rows.some(
    (r) => r.retention.value !== null || r.repeatParticipation.value !== null || r.noShowRate.value !== null,
  );

function FiguresTable({
  caption,
  first,
  rows,
  testId,
}: {
  caption: string;
  first: string;
  rows: (ImpactFiguresView & { key: string; name: string })[];
  testId: string;
}) {
  const { t, lang } = useT();
  return (
    <TableWrap>
      <table data-testid={testId} className="impact-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {KEYS.map((k) => (
              <th key={k} scope="col" className="num">
                {t(`impact.figures.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              {KEYS.map((k) => (
                <td key={k} className="num" data-figure={k}>
                  {value(r, k, lang)}
                  <br />
                  <small className="muted">{t('impact.coverage.short', { n: r[k].n, of: r[k].of })}</small>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ImpactSection({
  impact,
  year,
  region,
}: {
  impact: ImpactSectionView;
  year: number;
  region: string | null;
}) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const f = impact.national;
  return (
    <section className="panel" aria-labelledby="impact-title" data-testid="impact-section">
      <h2 id="impact-title">{t('impact.dashboard.title')}</h2>
      <p className="muted">{t('impact.dashboard.lead', { year: String(year) })}</p>
      {!impact.available ? (
        <p data-testid="impact-none">{t('impact.dashboard.none')}</p>
      ) : (
        <>
          <dl className="key-figures" data-testid="impact-key">
            {KEYS.map((k) => (
              <div className="kf" key={k} data-testid={`impact-${k}`}>
                <dt>{t(`impact.figures.${k}`)}</dt>
                <dd>
                  <span className="kf-value">{value(f, k, lang)}</span>
                  <small className="muted">{coverage(t, f, k, year)}</small>
                </dd>
              </div>
            ))}
          </dl>
          <div className="grid-2">
            {!region && anyShare(impact.byRegion) ? (
              <div>
                <h3>{t('impact.dashboard.chartRegions')}</h3>
                <ServerChart name="impact-regions" year={year} region={region} lang={lang} />
              </div>
            ) : null}
            {anyShare(impact.byArea) ? (
              <div>
                <h3>{t('impact.dashboard.chartAreas')}</h3>
                <ServerChart name="impact-areas" year={year} region={region} lang={lang} />
              </div>
            ) : null}
          </div>
          {!region && impact.byRegion.length ? (
            <FiguresTable
              caption={t('impact.dashboard.byRegion')}
              first={t('impact.dashboard.region')}
              rows={impact.byRegion.map((r) => ({
                ...r,
                key: r.region,
                name: territoryName(territories, r.region, lang) || r.name,
              }))}
              testId="impact-by-region"
            />
          ) : null}
          {impact.byArea.length ? (
            <FiguresTable
              caption={t('impact.dashboard.byArea')}
              first={t('impact.dashboard.area')}
              rows={impact.byArea.map((a) => ({ ...a, key: a.area }))}
              testId="impact-by-area"
            />
          ) : null}
          {impact.reached.length ? (
            <TableWrap>
              <table data-testid="impact-reached">
                <caption>{t('impact.dashboard.reached')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('impact.dashboard.type')}</th>
                    <th scope="col" className="num">
                      {t('impact.dashboard.count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {impact.reached.map((r) => (
                    <tr key={r.type}>
                      <th scope="row">{r.name}</th>
                      <td className="num">{formatNumber(r.beneficiaries, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
          <details>
            <summary>{t('impact.dashboard.definitions')}</summary>
            <ul>
              <li>{t('impact.dashboard.defRetention')}</li>
              <li>{t('impact.dashboard.defRepeat')}</li>
              <li>{t('impact.dashboard.defNoShow')}</li>
              <li>{t('impact.dashboard.defResponse')}</li>
              <li>{t('impact.dashboard.defBeneficiaries')}</li>
              <li>{t('impact.dashboard.defSurvey', { min: impact.minSurveys })}</li>
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
