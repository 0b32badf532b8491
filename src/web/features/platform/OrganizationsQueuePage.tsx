// The front office's verification queue of the platform's organisations (issue 11 item 1): RFO staff
// see their region's, national staff every region's, oldest registration first, by status (pending
// by default). Verify, reject (with a reason), suspend a verified one (with a reason), verify a
// suspended one again. One card per organisation, so that it reads on a phone. Names are shown as
// typed: React escapes them, so markup stays text.
import { useState } from 'react';
import {
  PLATFORM_ORG_STATUSES,
  type PlatformOrganization,
  type QueueResponse,
} from '../../../modules/platform-organizations/platform-organizations.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';

type Status = (typeof PLATFORM_ORG_STATUSES)[number];
const isStatus = (s: string | null): s is Status =>
  (PLATFORM_ORG_STATUSES as readonly string[]).includes(s ?? '');

/** The decision a reason is being typed for. */
type Asking = 'rejected' | 'suspended' | null;

function OrganizationCard({ org, onChanged }: { org: PlatformOrganization; onChanged(): void }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingId = `porg-${org.id}`;

  const act = async (path: 'verify' | 'suspend', body: object) => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/organizations/${org.id}/${path}`, body);
      setAsking(null);
      setReason('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="panel" data-testid="platform-org" aria-labelledby={headingId}>
      <h2 id={headingId}>{org.name}</h2>
      <dl className="facts">
        <dt>{t('platformOrgs.status')}</dt>
        <dd>{t(`platformOrgs.statuses.${org.status}`)}</dd>
        {org.claim ? (
          <>
            <dt>{t('platformOrgs.claim')}</dt>
            <dd>
              {t('platformOrgs.claimOf')} {org.registeredName}
            </dd>
          </>
        ) : null}
        <dt>{t('platformOrgs.type')}</dt>
        <dd>{codeName(lists, 'organization_type', org.type, lang)}</dd>
        <dt>{t('platformOrgs.bin')}</dt>
        <dd>{org.bin ?? '—'}</dd>
        <dt>{t('platformOrgs.region')}</dt>
        <dd>{territoryName(territories, org.region, lang)}</dd>
        <dt>{t('platformOrgs.contact')}</dt>
        <dd>
          {org.contactName}, {org.email}
        </dd>
        <dt>{t('platformOrgs.registered')}</dt>
        <dd>{formatDateTime(org.registeredAt, lang)}</dd>
        {org.reason ? (
          <>
            <dt>{t('platformOrgs.reason')}</dt>
            <dd>{org.reason}</dd>
          </>
        ) : null}
      </dl>
      <ErrorBox error={error} />
      {asking ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              asking === 'rejected' ? 'verify' : 'suspend',
              asking === 'rejected' ? { decision: 'rejected', reason } : { reason },
            );
          }}
        >
          <Field
            label={t(asking === 'rejected' ? 'platformOrgs.rejectReason' : 'platformOrgs.suspendReason')}
          >
            {(p) => (
              <textarea {...p} required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="btn btn-danger" disabled={busy || !reason.trim()}>
              {t(asking === 'rejected' ? 'platformOrgs.reject' : 'platformOrgs.suspend')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setAsking(null)}>
              {t('platformOrgs.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          {org.status === 'pending' || org.status === 'suspended' ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void act('verify', { decision: 'verified' })}
            >
              {t(org.status === 'pending' ? 'platformOrgs.verify' : 'platformOrgs.verifyAgain')}
            </button>
          ) : null}
          {org.status === 'pending' ? (
            <button type="button" className="btn btn-secondary" onClick={() => setAsking('rejected')}>
              {t('platformOrgs.reject')}
            </button>
          ) : null}
          {org.status === 'verified' ? (
            <button type="button" className="btn btn-secondary" onClick={() => setAsking('suspended')}>
              {t('platformOrgs.suspend')}
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}

function Queue() {
  const { t } = useT();
  const { query } = useLocation();
  const raw = query.get('status');
  const status: Status = isStatus(raw) ? raw : 'pending';
  const list = useApi<QueueResponse>('/api/platform/organizations', { status });
  const items = list.data?.items ?? [];
  return (
    <>
      <form className="filters" aria-label={t('platformOrgs.filter')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('platformOrgs.status')}>
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) => navigate(`/platform/organizations?status=${e.target.value}`)}
            >
              {PLATFORM_ORG_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`platformOrgs.statuses.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <p data-testid="platform-org-count">{t('platformOrgs.count', { count: items.length })}</p>
          <ul className="platform-orgs">
            {items.map((o) => (
              <OrganizationCard key={o.id} org={o} onChanged={list.reload} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export default function OrganizationsQueuePage() {
  const { t } = useT();
  return (
    <RequireRole roles={['rfo', 'national_admin', 'national_analyst']}>
      {() => (
        <>
          <PageTitle sub={t('platformOrgs.lead')}>{t('platformOrgs.title')}</PageTitle>
          <Queue />
        </>
      )}
    </RequireRole>
  );
}
