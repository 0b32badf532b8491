// A file uploaded on a month's page whose rows belong to other months is most likely the wrong
// file (last month's, or a whole year's): it is stopped with the months named, and goes in only
// when the officer confirms (confirmOtherMonths). The whole import rolls back with the error.
import { conflict } from '../../lib/errors.ts';
import type { ImportContext } from './context.ts';

export function stopIfOtherMonths(ctx: Pick<ImportContext, 'opts'>, rowsByMonth: Map<string, number>): void {
  const { period, confirmOtherMonths } = ctx.opts;
  if (!period || confirmOtherMonths || rowsByMonth.size === 0) return;
  const months = [...rowsByMonth.entries()].sort(([a], [b]) => a.localeCompare(b));
  const list = months.map(([m, n]) => `${m} (${n} ${n === 1 ? 'row' : 'rows'})`).join(', ');
  throw conflict(
    `The file is uploaded for ${period} but holds rows of other months: ${list}. Nothing was imported; send it again with confirmOtherMonths=true to import them on purpose`,
    months.map(([month, rows]) => ({ rule: 'other_month', column: 'period', value: month, rows, period })),
    'other_months',
  );
}
