// One cell of a report table as text in the report's language (HTML and .docx), by column kind.

import type { Lang } from '../../../domain/lang.ts';
import {
  formatChange,
  formatInt,
  formatNumber,
  formatPercent,
  isNumber,
  MISSING,
} from '../../../domain/report/format.ts';
import type { Cell, Column } from './model.ts';

export function cellText(value: Cell, column: Column, lang: Lang): string {
  if (value === null || value === undefined) return MISSING;
  if (typeof value === 'string') return value === '' ? '' : value;
  if (!isNumber(value)) return MISSING;
  switch (column.kind) {
    case 'int':
    case 'kzt':
      return formatInt(value, lang);
    case 'number':
      return formatNumber(value, lang, column.digits ?? 1);
    case 'percent':
      return formatPercent(value, lang, column.digits ?? 2);
    case 'change':
      return formatChange(value, lang);
    default:
      return String(value);
  }
}

export function isNumericColumn(column: Column): boolean {
  return column.kind !== 'text' && column.kind !== 'mark';
}
