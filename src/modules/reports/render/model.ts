// A report as a language-specific document: sections of narrative, key figures, tables, charts and
// notes. Each report (annual, half-year, monthly) is turned into this once; the HTML page, the
// .xlsx workbook and the .docx document are all written from it, so the three formats always
// carry the same figures in the same order.

import type { Lang } from '../../../domain/lang.ts';
import type { ChartSpec } from '../charts/spec.ts';

/** How a column's numbers are shown and typed in a sheet. `percent` values are already ×100. */
/** `mark` is a short symbol (● / X) shown centred. */
export type ColumnKind = 'text' | 'mark' | 'int' | 'number' | 'percent' | 'change' | 'kzt';

export type Cell = string | number | null;

export interface Column {
  label: string;
  kind: ColumnKind;
  /** Decimal places for `number`. */
  digits?: number;
}

export interface Table {
  id: string;
  title: string;
  /** Short name for the .xlsx sheet (cut to 31 characters). */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
  /** A closing row (totals), printed bold. */
  footer?: Cell[];
}

export interface Chart {
  id: string;
  title: string;
  /** What the chart shows, in words, for screen readers and as the figure caption. */
  description: string;
  spec: ChartSpec;
  width?: number;
  height?: number;
}

export interface KeyFigure {
  label: string;
  value: string;
  /** Raw number for the sheet. */
  raw?: number | null;
  note?: string;
}

export interface Section {
  id: string;
  title: string;
  /** Generated sentences describing the figures. */
  narrative: string[];
  figures?: KeyFigure[];
  charts?: Chart[];
  tables?: Table[];
  /** Method, assumptions: printed beside the figure they qualify. */
  method?: { title: string; lines: string[] }[];
  /** Missing regions and other caveats under the section's figures. */
  notes?: string[];
}

export interface ReportDocument {
  lang: Lang;
  kind: 'annual' | 'half-year' | 'monthly';
  title: string;
  subtitle?: string;
  provisional: boolean;
  provisionalNote: string;
  provisionalBadge: string;
  /** Set when the period has no data at all: the message shown instead of empty sections. */
  empty?: string;
  sections: Section[];
  footer: string;
  /** Base of the download file name, without extension. */
  fileName: string;
  /** One-page layout (the half-year infographic). */
  compact?: boolean;
}
