// What a report chart shows, independent of how it is drawn: ECharts draws it as SVG for the page
// and the .docx, and png.ts rasterises the same spec for the .docx's PNG fallback.
export interface Series {
  name: string;
  values: (number | null)[];
}

export type ValueFormat = 'int' | 'percent';

export type ChartSpec =
  | {
      kind: 'bar';
      categories: string[];
      series: Series[];
      /** Categories down the side, bars to the right (long region names). */
      horizontal?: boolean;
      stacked?: boolean;
      valueFormat?: ValueFormat;
      /** Series drawn as lines against a second value axis on the right (vertical bars only). */
      lines?: Series[];
      /** Room for the category names of horizontal bars, in pixels (default 230). */
      labelWidth?: number;
    }
  | { kind: 'pie'; items: { name: string; value: number | null }[]; donut?: boolean }
  | { kind: 'line'; categories: string[]; series: Series[]; valueFormat?: ValueFormat };

/** Colour-blind-safe palette (Okabe–Ito, reordered so neighbours contrast). */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
  '#7F7F7F',
  '#9467BD',
  '#8C564B',
  '#17BECF',
];

/** Pixel size a chart is drawn at, from how much it holds. */
export function chartSize(
  spec: ChartSpec,
  width?: number,
  height?: number,
): { width: number; height: number } {
  const w = width ?? 720;
  if (height) return { width: w, height };
  if (spec.kind === 'bar' && spec.horizontal) return { width: w, height: 70 + 22 * spec.categories.length };
  // On a narrow screen the pie's legend goes under the ring, a line per slice, at full width.
  if (spec.kind === 'pie')
    return { width: w, height: w < NARROW_PIE ? pieRing(w) + 16 + 22 * spec.items.length : 320 };
  return { width: w, height: 340 };
}

/** Below this width a pie chart's legend is drawn under the ring instead of beside it. */
export const NARROW_PIE = 480;
/** The height of a narrow pie chart's ring. */
export const pieRing = (width: number) => Math.min(240, Math.round(width * 0.75));

/**
 * How far the category names under vertical bars turn: level when few, 35° when many, upright on
 * a narrow chart where even turned names would touch (a name's slot narrower than 36 px).
 */
export function categoryRotation(count: number, width: number): number {
  if (count <= 8) return 0;
  return (width - 100) / count < 36 ? 90 : 35;
}
