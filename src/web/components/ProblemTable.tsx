// Every problem of an import or a form, as a table a person can work through: what to fix first
// (it is what a phone shows without scrolling), then the row, column, value and rule. Rule names
// are translated from the catalogue; the server's message is kept.

import type { Problem } from '../../domain/activity-rules.ts';
import { codeLabel, useT } from '../lib/i18n.ts';
import { ruleText } from '../lib/problemText.ts';
import { TableWrap } from './TableWrap.tsx';

export { ruleText };

export function ProblemTable({ problems, caption }: { problems: Problem[]; caption: string }) {
  const { t } = useT();
  return (
    <TableWrap>
      <table className="problems" data-testid="problem-table">
        <caption>
          {caption} ({problems.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('problems.message')}</th>
            <th scope="col">{t('problems.row')}</th>
            <th scope="col">{t('problems.column')}</th>
            <th scope="col">{t('problems.value')}</th>
            <th scope="col">{t('problems.rule')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their position
            <tr key={i}>
              <td className="problem-fix">{ruleText(t, p)}</td>
              <td className="num">{p.row ?? '–'}</td>
              <td>{p.column ? codeLabel(t, 'fields', p.column) : '–'}</td>
              <td>
                <code>{p.value === null || p.value === undefined ? '' : String(p.value)}</code>
              </td>
              <td>
                <code>{p.rule}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
