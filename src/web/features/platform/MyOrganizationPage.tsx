// The coordinator's organisation on the platform and its status: waiting for the front office,
// verified, rejected or suspended (with the reason).
import type { PlatformOrganization } from '../../../modules/platform-organizations/platform-organizations.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Loading, PageTitle } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { useApi } from '../../lib/useApi.ts';

function Mine() {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const org = useApi<PlatformOrganization>('/api/platform/organizations/mine');
  if (org.loading) return <Loading />;
  if (!org.data) return <ErrorBox error={org.error} />;
  const o = org.data;
  return (
    <article className="panel" data-testid="my-organization" aria-labelledby="my-org-name">
      <h2 id="my-org-name" className="platform-org-name">
        {o.name}
      </h2>
      <p className={o.status === 'verified' ? 'alert alert-success' : 'alert alert-info'}>
        {t(`platformOrgs.mine.${o.status}`)}
      </p>
      <dl className="facts">
        <dt>{t('platformOrgs.type')}</dt>
        <dd>{codeName(lists, 'organization_type', o.type, lang)}</dd>
        <dt>{t('platformOrgs.bin')}</dt>
        <dd>{o.bin ?? '—'}</dd>
        <dt>{t('platformOrgs.region')}</dt>
        <dd>{territoryName(territories, o.region, lang)}</dd>
        <dt>{t('platformOrgs.registered')}</dt>
        <dd>{formatDateTime(o.registeredAt, lang)}</dd>
        {o.reason ? (
          <>
            <dt>{t('platformOrgs.reason')}</dt>
            <dd>{o.reason}</dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}

export default function MyOrganizationPage() {
  const { t } = useT();
  return (
    <RequireRole roles={['org_coordinator']}>
      {() => (
        <>
          <PageTitle>{t('platformOrgs.mineTitle')}</PageTitle>
          <Mine />
        </>
      )}
    </RequireRole>
  );
}
