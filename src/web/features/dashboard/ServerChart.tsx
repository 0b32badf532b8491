// A chart of the dashboard drawn by the server (GET /api/dashboard/charts/:name, an
// <svg role="img" aria-label="…">) and inlined here: the browser loads no charting library for the
// dashboard. Fetched once its place scrolls near the viewport (WhenVisible), at the width it has
// (in steps of 40 px, so that answers are shared and cached), and again when the year, the region
// or the language changes; the previous picture stays until the new one arrives. The figures are
// also in the table beside every chart.
import { useEffect, useRef, useState } from 'react';
import { Loading } from '../../components/ui.tsx';
import { WhenVisible } from '../../components/WhenVisible.tsx';
import { withQuery } from '../../lib/api.ts';
import type { Lang } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { type ChartName, chartUrl } from './data.ts';

const STEP = 40;
const MIN = 280;
const MAX = 1200;

function drawWidth(el: HTMLElement): number {
  const w = Math.floor(el.getBoundingClientRect().width / STEP) * STEP;
  return Math.min(MAX, Math.max(MIN, w || 560));
}

function Picture({
  name,
  year,
  region,
  lang,
}: {
  name: ChartName;
  year: number;
  region: string | null;
  lang: Lang;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ctl = new AbortController();
    setFailed(false);
    const url = withQuery(chartUrl(name), { year, region, lang, width: drawWidth(el) });
    fetch(url, { credentials: 'same-origin', signal: ctl.signal })
      .then(async (res) => {
        const body = await res.text();
        // Only the server's own SVG is inlined: never an error page or anything else.
        if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('image/svg+xml'))
          throw new Error(`chart ${name}: ${res.status}`);
        if (!body.startsWith('<svg ')) throw new Error(`chart ${name}: not an SVG`);
        setSvg(body);
      })
      .catch(() => {
        if (!ctl.signal.aborted) setFailed(true);
      });
    return () => ctl.abort();
  }, [name, year, region, lang]);

  return (
    <div ref={ref} className="chart" data-chart={name}>
      {failed ? (
        <p className="muted">{t('errors.generic')}</p>
      ) : svg ? (
        // The server's own SVG, every text in it escaped (test/dashboard.charts.test.ts).
        <div dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

export function ServerChart(props: { name: ChartName; year: number; region: string | null; lang: Lang }) {
  return (
    <WhenVisible>
      <Picture {...props} />
    </WhenVisible>
  );
}
