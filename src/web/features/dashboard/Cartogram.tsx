// The tile-grid cartogram: one equal square per region in its approximate geographic position, so
// the three cities (Almaty, Astana, Shymkent) weigh as much as the steppe regions. Shaded in five
// classes of the chosen figure, labelled, every tile a link to its region's page; the same figures
// are in the table below it for screen readers and for people who read tables better than maps.
import type { Lang } from '../../../domain/lang.ts';
import type { Territory } from '../../../modules/reference/reference.schemas.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { formatNumber } from '../../lib/format.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { navigate } from '../../lib/router.tsx';

export interface TileValue {
  region: string;
  value: number | null;
}

// Sequential blues, light to dark; text switches to white from the third class (contrast ≥ 4.5:1).
// The choropleth (Choropleth.tsx) shades with the same classes and colours, under the same legend.
export const PALETTE = ['#deebf7', '#9ecae1', '#4f8fc6', '#2166ac', '#08306b'];
export const NO_DATA = '#f0f0f0';
const TILE = 100;
const GAP = 6;

/** Regions lose the word "region"; cities keep "city" so that Almaty city and Almaty region differ. */
export function shortName(u: Territory, lang: Lang): string {
  const name = localName(u, lang);
  if (u.kind === 'city') return name;
  return name.replace(/\s*(облысы|область|region)\s*/gi, ' ').trim();
}

/** At most two lines of about twelve characters, split at a space or hyphen. */
export function tileLines(name: string): string[] {
  const cut = (s: string) => (s.length > 12 ? `${s.slice(0, 11)}…` : s);
  if (name.length <= 12) return [name];
  const m = /^(.{1,13})[\s-](.+)$/.exec(name) ?? /^(.+?)[\s-](.+)$/.exec(name);
  return m ? [cut(m[1] as string), cut(m[2] as string)] : [cut(name)];
}

export function classes(values: number[]): number[] {
  // Quantile breaks: each shade holds about the same number of regions.
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return [];
  return [1, 2, 3, 4].map(
    (i) => sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / 5))] as number,
  );
}

export function classOf(v: number, breaks: number[]): number {
  let c = 0;
  for (const b of breaks) if (v >= b) c++;
  return Math.min(c, PALETTE.length - 1);
}

/** The five classes, "no data" and the city outline: one legend for the cartogram and the choropleth. */
export function MapLegend({ values, cities = true }: { values: number[]; cities?: boolean }) {
  const { t, lang } = useT();
  if (!values.length) return null;
  const breaks = classes(values);
  const legend = PALETTE.map((color, i) => {
    const lo = i === 0 ? Math.min(...values) : breaks[i - 1];
    const hi = i < breaks.length ? breaks[i] : Math.max(...values);
    return { color, lo, hi };
  });
  return (
    <ul className="legend" aria-label={t('map.legend')}>
      {legend.map((l) => (
        <li key={l.color}>
          <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
          {formatNumber(l.lo ?? null, lang)} – {formatNumber(l.hi ?? null, lang)}
        </li>
      ))}
      <li>
        <span className="swatch" style={{ background: NO_DATA }} aria-hidden="true" />
        {t('common.noData')}
      </li>
      {cities ? (
        <li>
          <span className="swatch swatch-city" aria-hidden="true" />
          {t('map.city')}
        </li>
      ) : null}
    </ul>
  );
}

export function Cartogram({
  units,
  values,
  label,
  selected,
}: {
  units: Territory[];
  values: TileValue[];
  label: string;
  selected?: string | null;
}) {
  const { t, lang } = useT();
  const byRegion = new Map(values.map((v) => [v.region, v.value]));
  const present = values.map((v) => v.value).filter((v): v is number => v !== null);
  const breaks = classes(present);
  const maxX = Math.max(0, ...units.map((u) => u.tileX));
  const maxY = Math.max(0, ...units.map((u) => u.tileY));
  const w = (maxX + 1) * (TILE + GAP);
  const h = (maxY + 1) * (TILE + GAP);

  return (
    <figure className="cartogram">
      <TableWrap className="cartogram-scroll" label={t('map.title')}>
        <svg viewBox={`0 0 ${w} ${h}`} aria-label={`${t('map.title')}: ${label}`}>
          {units.map((u) => {
            const v = byRegion.get(u.code) ?? null;
            const c = v === null ? -1 : classOf(v, breaks);
            const fill = c < 0 ? NO_DATA : PALETTE[c];
            const dark = c >= 2;
            const x = u.tileX * (TILE + GAP);
            const y = u.tileY * (TILE + GAP);
            const name = shortName(u, lang);
            const full = `${localName(u, lang)}: ${v === null ? t('common.noData') : formatNumber(v, lang)}`;
            return (
              <a
                key={u.code}
                href={`/regions/${u.code}`}
                aria-label={full}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/regions/${u.code}`);
                }}
                className="tile"
              >
                <title>{full}</title>
                <rect
                  x={x}
                  y={y}
                  width={TILE}
                  height={TILE}
                  rx={8}
                  fill={fill}
                  stroke={selected === u.code ? '#d4351c' : u.kind === 'city' ? '#1b1b1b' : '#ffffff'}
                  strokeWidth={selected === u.code ? 5 : u.kind === 'city' ? 2 : 1}
                  strokeDasharray={u.kind === 'city' && selected !== u.code ? '6 3' : undefined}
                />
                <text
                  x={x + TILE / 2}
                  y={y + 38}
                  textAnchor="middle"
                  className="tile-name"
                  fill={dark ? '#fff' : '#1b1b1b'}
                >
                  {name.length > 11 ? `${name.slice(0, 10)}…` : name}
                </text>
                <text
                  x={x + TILE / 2}
                  y={y + 72}
                  textAnchor="middle"
                  className="tile-value"
                  fill={dark ? '#fff' : '#1b1b1b'}
                >
                  {v === null ? '–' : formatNumber(v, lang)}
                </text>
              </a>
            );
          })}
        </svg>
      </TableWrap>
      <figcaption>
        <span>{label}</span>
        <MapLegend values={present} />
      </figcaption>
    </figure>
  );
}
