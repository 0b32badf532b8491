// A true choropleth, drawn only when the operator has put a boundary file at
// <web root>/geo/regions.geojson (features with properties.code = ISO region code, e.g. KZ-75).
// Its own chunk: ECharts' map component is loaded only then.
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, SVGRenderer]);

export default function Choropleth({
  values,
  label,
}: {
  values: { region: string; value: number | null }[];
  label: string;
}) {
  const { lang } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [geo, setGeo] = useState<unknown>(null);
  useEffect(() => {
    fetch('/geo/regions.geojson')
      .then((r) => r.json())
      .then(setGeo)
      .catch(() => setGeo(null));
  }, []);
  useEffect(() => {
    if (!geo || !ref.current) return;
    echarts.registerMap('kz', geo as Parameters<typeof echarts.registerMap>[1]);
    const chart = echarts.init(ref.current, null, { renderer: 'svg' });
    const present = values.map((v) => v.value).filter((v): v is number => v !== null);
    chart.setOption({
      tooltip: { trigger: 'item', valueFormatter: (v: number) => formatNumber(v, lang) },
      visualMap: {
        min: Math.min(...present, 0),
        max: Math.max(...present, 1),
        inRange: { color: ['#deebf7', '#08306b'] },
        calculable: true,
      },
      series: [
        {
          type: 'map',
          map: 'kz',
          nameProperty: 'code',
          data: values.map((v) => ({ name: v.region, value: v.value })),
        },
      ],
    });
    return () => chart.dispose();
  }, [geo, values, lang]);
  return <div ref={ref} className="chart" style={{ height: 420 }} role="img" aria-label={label} />;
}
