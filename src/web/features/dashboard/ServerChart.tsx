// A chart of the dashboard drawn by the server (GET /api/dashboard/charts/:name, an
// <svg role="img" aria-label="…">) and inlined here: the browser loads no charting library for the
// dashboard. Fetched once its place scrolls near the viewport (WhenVisible), at the width it has
// (in steps of 40 px, so that answers are shared and cached), and again when the year, the region
// or the language changes; the previous picture stays until the new one arrives. The figures are
// also in the table beside every chart.
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../../../domain/lang.ts';
import { Loading } from '../../components/ui.tsx';
import { WhenVisible } from '../../components/WhenVisible.tsx';
import { withQuery } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { type ChartName, chartUrl } from './data.ts';

const STEP = 40;
const MIN = 280;
const MAX = 1200;

function drawWidth(el: HTMLElement): number {
  const w = Math.floor(el.getBoundingClientRect().width / STEP) * STEP;
  return Math.min(MAX, Math.max(MIN, w || 560));
}

/**
 * The server's SVG as a DOM node, parsed as XML (not HTML) and stripped of anything that could run:
 * scripts, foreign objects, event handler attributes and javascript: links. The server escapes every
 * text already (test/dashboard.charts.test.ts); this is the second line of defence.
 */
function parseSvg(text: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  for (const el of Array.from(root.querySelectorAll('script, foreignObject'))) el.remove();
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const link = name === 'href' || name.endsWith(':href');
      if (name.startsWith('on') || (link && /^\s*javascript:/i.test(attr.value)))
        el.removeAttribute(attr.name);
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
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
  const host = useRef<HTMLDivElement>(null);
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);
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
        const picture = body.startsWith('<svg ') ? parseSvg(body) : null;
        if (!picture) throw new Error(`chart ${name}: not an SVG`);
        setSvg(picture);
      })
      .catch(() => {
        if (!ctl.signal.aborted) setFailed(true);
      });
    return () => ctl.abort();
  }, [name, year, region, lang]);

  useEffect(() => {
    if (svg && host.current) host.current.replaceChildren(svg);
  }, [svg]);

  return (
    <div ref={ref} className="chart" data-chart={name}>
      {failed ? <p className="muted">{t('errors.generic')}</p> : svg ? <div ref={host} /> : <Loading />}
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
