// A true choropleth, drawn only when the operator configures a boundary file (BIRGEMIZ_GEOJSON,
// served at /geo/regions.geojson; features with properties.code = ISO region code, e.g. KZ-75).
// Shaded with the cartogram's classes and colours, under the same legend; the tooltip gives the
// region's name and figure in the chosen language, a click opens the region's page. The figures are
// also in the table under the maps, which keyboard and screen-reader users read instead.
// Its own chunk: ECharts' map component is loaded only then.
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { navigate } from '../../lib/router.tsx';
import { classes, MapLegend, NO_DATA, PALETTE } from './Cartogram.tsx';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, SVGRenderer]);

type GeoJson = Parameters<typeof echarts.registerMap>[1];

/** The codes of the features of a boundary file (null when it is not a FeatureCollection). */
function featureCodes(geo: unknown): Set<string> | null {
  const features = (geo as { type?: string; features?: unknown[] } | null)?.features;
  if (!Array.isArray(features)) return null;
  const codes = features
    .map((f) => (f as { properties?: { code?: unknown } })?.properties?.code)
    .filter((c): c is string => typeof c === 'string');
  return new Set(codes);
}

type Ring = [number, number][];

/** Twice the signed area of a ring in lon/lat: positive when counter-clockwise. */
function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j] as [number, number];
    const [x2, y2] = ring[i] as [number, number];
    a += x1 * y2 - x2 * y1;
  }
  return a;
}

/**
 * Winds exteriors counter-clockwise and holes clockwise (RFC 7946). ECharts fills a polygon's rings
 * as one path with the non-zero rule, so a hole wound like its exterior (as older tools write them)
 * would cover the enclave inside it: Astana in Akmola, Almaty in Almaty region.
 */
function windRings(geo: unknown): unknown {
  const fix = (rings: Ring[]) =>
    rings.map((r, i) => (signedArea(r) > 0 === (i === 0) ? r : [...r].reverse()));
  const features = (geo as { features: { geometry?: { type?: string; coordinates?: unknown } }[] }).features;
  for (const f of features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') g.coordinates = fix(g.coordinates as Ring[]);
    else if (g?.type === 'MultiPolygon') g.coordinates = (g.coordinates as Ring[][]).map(fix);
  }
  return geo;
}

export default function Choropleth({
  values,
  names,
  label,
  year,
}: {
  values: { region: string; value: number | null }[];
  names: Record<string, string>;
  label: string;
  year: number;
}) {
  const { t, lang } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [geo, setGeo] = useState<{ json: GeoJson; codes: Set<string> } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctl = new AbortController();
    fetch('/geo/regions.geojson', { signal: ctl.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((json: unknown) => {
        const codes = featureCodes(json);
        if (!codes?.size) throw new Error('no features with properties.code');
        setGeo({ json: windRings(json) as GeoJson, codes });
      })
      .catch(() => {
        if (!ctl.signal.aborted) setFailed(true);
      });
    return () => ctl.abort();
  }, []);

  // A stable key: the dashboard re-renders often, the chart is redrawn only when a figure changes.
  const key = JSON.stringify([values, names, lang]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for values, names and lang
  const shown = useMemo(() => ({ values, names }), [key]);
  const present = shown.values.map((v) => v.value).filter((v): v is number => v !== null);

  useEffect(() => {
    const el = ref.current;
    if (!geo || !el) return;
    echarts.registerMap('kz', geo.json);
    const chart = echarts.init(el, null, { renderer: 'svg' });
    const byRegion = new Map(shown.values.map((v) => [v.region, v.value]));
    const nums = shown.values.map((v) => v.value).filter((v): v is number => v !== null);
    const breaks = classes(nums);
    // The same five classes as the cartogram: [lo, hi) pieces, the top one open-ended.
    const pieces = PALETTE.map((color, i) => ({
      ...(i > 0 ? { gte: breaks[i - 1] } : {}),
      ...(i < breaks.length ? { lt: breaks[i] } : {}),
      color,
    }));
    const text = (code: string) => {
      const v = byRegion.get(code) ?? null;
      return `${shown.names[code] ?? code}: ${v === null ? t('common.noData') : formatNumber(v, lang)}`;
    };
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        className: 'choropleth-tooltip',
        formatter: (p: { name: string }) => text(p.name),
      },
      visualMap: { type: 'piecewise', show: false, pieces, outOfRange: { color: NO_DATA } },
      series: [
        {
          type: 'map',
          map: 'kz',
          nameProperty: 'code',
          roam: false,
          selectedMode: false,
          label: { show: false },
          itemStyle: { areaColor: NO_DATA, borderColor: '#ffffff', borderWidth: 1 },
          emphasis: { label: { show: false }, itemStyle: { borderColor: '#d4351c', borderWidth: 2 } },
          // Every feature of the file, null where the region has no figure (shown as "no data").
          data: [...geo.codes].map((code) => ({ name: code, value: byRegion.get(code) ?? null })),
        },
      ],
    });
    chart.on('click', (p) => {
      if (p.name) navigate(`/regions/${p.name}?year=${year}`);
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [geo, shown, lang, t, year]);

  if (failed) return null;
  return (
    <figure className="choropleth" data-testid="choropleth">
      <div
        ref={ref}
        className="chart"
        style={{ height: 420 }}
        role="img"
        aria-label={`${t('map.choropleth')}: ${label}`}
      />
      <figcaption>
        <span>
          {t('map.choropleth')}: {label}
        </span>
        <MapLegend values={present} cities={false} />
      </figcaption>
    </figure>
  );
}
