// Pieces of the round pages: the status badge and a nomination's ranking as a table (places by the
// stated rule, the total and each criterion's mean), shared by the staff's, the jurors' and the
// public page.
import type { RoundStatus } from '../../../modules/awards/rounds.schemas.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';

export const ROUND_BADGE: Record<RoundStatus, string> = {
  nominating: 'badge badge-draft',
  scoring: 'badge badge-submitted',
  closed: 'badge badge-returned',
  published: 'badge badge-accepted',
};

export interface RankingRow {
  name: string;
  region: string;
  place: number | null;
  shared: boolean;
  total: number | null;
  means: (number | null)[];
}

export function RankingTable({
  caption,
  criteria,
  ranking,
}: {
  caption: string;
  criteria: string[];
  ranking: RankingRow[];
}) {
  const { t, lang } = useT();
  const territories = useTerritories();
  return (
    <TableWrap>
      <table data-testid="ranking">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('awards.place')}</th>
            <th scope="col">{t('awards.nominee')}</th>
            <th scope="col">{t('awards.region')}</th>
            <th scope="col" className="num">
              {t('awards.total')}
            </th>
            {criteria.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: criteria are named by their position
              <th key={i} scope="col" className="num">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ranking.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the ranking's order is its identity
            <tr key={i} data-testid="ranking-row">
              <td>
                {r.place === null
                  ? '–'
                  : r.shared
                    ? t('awards.sharedPlace', { place: r.place })
                    : String(r.place)}
              </td>
              <th scope="row">{r.name}</th>
              <td>{territoryName(territories, r.region, lang)}</td>
              <td className="num">{formatNumber(r.total, lang, 2)}</td>
              {r.means.map((m, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one cell per criterion, in order
                <td key={j} className="num">
                  {formatNumber(m, lang, 2)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
