// Pieces of the staff's appeal pages: the status as a badge (named by the code list), where the
// applicant is (a region, a country abroad, or not said), and the overdue flags.
import type { AppealItem } from '../../../modules/appeals/appeals.schemas.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';

export const STAFF_ROLES = ['national_admin', 'national_analyst', 'rfo'];

const BADGE: Record<AppealItem['status'], string> = {
  new: 'badge-draft',
  in_progress: 'badge-submitted',
  resolved: 'badge-accepted',
  closed: 'badge-missing',
};

export function StatusBadge({ status }: { status: AppealItem['status'] }) {
  const { lang } = useT();
  const lists = useCodeLists();
  return (
    <span className={`badge ${BADGE[status]}`} data-testid="appeal-status">
      {codeName(lists, 'appeal_status', status, lang)}
    </span>
  );
}

export function Place({ a }: { a: Pick<AppealItem, 'region' | 'country'> }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  if (a.region) return <>{territoryName(territories, a.region, lang)}</>;
  if (a.country) return <>{t('appeals.abroadIn', { country: a.country })}</>;
  return <>{t('appeals.regionNotSaid')}</>;
}

export function OverdueFlags({ overdue }: { overdue: AppealItem['overdue'] }) {
  const { t } = useT();
  if (!overdue.response && !overdue.resolution) return null;
  return (
    <span className="appeal-flags" data-testid="appeal-overdue">
      {overdue.response ? <span className="badge badge-late">{t('appeals.overdueResponse')}</span> : null}
      {overdue.resolution ? <span className="badge badge-late">{t('appeals.overdueResolution')}</span> : null}
    </span>
  );
}
