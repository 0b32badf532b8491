// The organisation coordinator's page: the activity records of their own organisation (the API
// scopes GET /api/activities to it), in the API's order, a month at a time or all of them, with the
// totals, and who to ask about the rest: the regional front office enters, corrects and submits
// the region's months. Read-only here.
import { useState } from 'react';
import type { ActivityPage } from '../../../modules/activities/activities.schemas.ts';
import { MonthInput } from '../../components/DateInput.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Loading, PageTitle } from '../../components/ui.tsx';
import { formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ActivityTable, useActivityColumns } from '../rfo/ActivityTable.tsx';
import { usePeriodLabel } from '../rfo/periodLabel.ts';

const LIMIT = 1000;

function Records({ user }: { user: User }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const label = usePeriodLabel();
  const cols = useActivityColumns();
  const [typed, setMonth] = useState('');
  // The month field in the interface language's order (MonthInput): a month once it is one.
  const month = /^\d{4}-\d{2}$/.test(typed) ? typed : '';
  const records = useApi<ActivityPage>('/api/activities', {
    ...(month ? { period: month } : {}),
    limit: LIMIT,
  });
  const items = records.data?.items ?? [];
  const organisation = items[0]?.organization ?? null;
  const counted = items.filter((a) => !a.excluded);
  const sum = (k: 'volunteers' | 'hours') => counted.reduce((s, a) => s + a[k], 0);
  return (
    <div>
      <PageTitle sub={t('org.lead')}>
        {t('org.title')}
        {organisation ? `: ${organisation}` : ''}
      </PageTitle>
      <p>
        {t('org.region')}: {user.region ? territoryName(territories, user.region, lang) : '–'}
      </p>
      <p className="alert alert-info">{t('org.howToChange')}</p>
      <form className="filters" aria-label={t('org.filter')} onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="org-month">
          {t('org.month')}
          <MonthInput id="org-month" name="month" value={typed} onChange={setMonth} />
        </label>
      </form>
      <ErrorBox error={records.error} />
      {records.loading && !records.data ? <Loading /> : null}
      {records.data ? (
        <section className="panel" aria-labelledby="org-records">
          <h2 id="org-records">
            {month ? label(month) : t('org.all')} ·{' '}
            {t('org.count', { n: formatNumber(records.data.total, lang) })}
          </h2>
          <p data-testid="org-totals">
            {t('dashboard.figure.volunteers')}: {formatNumber(sum('volunteers'), lang)} ·{' '}
            {t('dashboard.figure.hours')}: {formatHours(sum('hours'), lang)}
          </p>
          {records.data.total > items.length ? (
            <p className="muted">{t('audit.firstOnly', { count: LIMIT })}</p>
          ) : null}
          <ActivityTable
            caption={t('org.caption')}
            items={items}
            rowProps={(a) => ({ className: a.excluded ? 'row-excluded' : undefined })}
            empty={t('org.none')}
            columns={[
              { key: 'period', head: t('org.period'), cell: (a) => label(a.period) },
              { ...cols.title, rowHeader: true },
              cols.area,
              cols.dates,
              cols.volunteers,
              cols.hours,
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}

/** A coordinator whose organisation is not verified (yet, or any more) has no records to read. */
function NoOrganization() {
  const { t } = useT();
  return (
    <div>
      <PageTitle>{t('org.title')}</PageTitle>
      <p className="alert alert-info">{t('platformOrgs.noOrganization')}</p>
      <p>
        <Link to="/platform/organizations/mine">{t('platformOrgs.mineTitle')}</Link>
      </p>
    </div>
  );
}

export default function OrgPage() {
  return (
    <RequireRole roles={['org_coordinator']}>
      {(user) => (user.organizationId == null ? <NoOrganization /> : <Records user={user} />)}
    </RequireRole>
  );
}
