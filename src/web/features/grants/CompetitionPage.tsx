// The "Zhana Bastama" competition's calls (issue 13 items 5 and 7): one a year, each region's quota
// and budget, the cap per application; the national office opens a call with the quotas of every
// region (about 10 initiatives at about 1 million KZT each, seed 004, as the defaults).
import { useId, useState } from 'react';
import type { CallSummary } from '../../../modules/competition/competition.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { territoryName, unitsOfYear, useTerritories } from '../../lib/reference.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { isNationalRole } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { GrantLinks, numberOrNull, useSubmit } from './parts.tsx';

export default function CompetitionPage() {
  const { t } = useT();
  return (
    <RequireRole roles={['national_admin', 'national_analyst', 'rfo', 'org_coordinator']}>
      {(user) => (
        <div className="platform-page">
          <PageTitle sub={t('competition.lead')}>{t('competition.title')}</PageTitle>
          <GrantLinks />
          <Calls />
          {isNationalRole(user.role) ? <CallForm /> : null}
        </div>
      )}
    </RequireRole>
  );
}

function Calls() {
  const { t, lang } = useT();
  const list = useApi<{ items: CallSummary[] }>('/api/competition/calls');
  const items = list.data?.items ?? [];
  return (
    <>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && items.length === 0 ? (
        <p className="alert alert-info">{t('competition.noCalls')}</p>
      ) : null}
      <ul className="plain-list">
        {items.map((c) => (
          <li key={c.id} className="panel" data-testid="call">
            <h2>
              <Link to={`/competition/${c.id}`}>{c.title}</Link>
            </h2>
            <dl className="facts facts-long">
              <dt>{t('competition.status')}</dt>
              <dd>{t(`competition.statuses.${c.status}`)}</dd>
              <dt>{t('competition.cap')}</dt>
              <dd>{formatNumber(c.budgetCapKzt, lang)}</dd>
              <dt>{t('competition.reportDue')}</dt>
              <dd>{formatDate(c.reportDue, lang)}</dd>
              <dt>{t('competition.places')}</dt>
              <dd>
                {t('competition.placesValue', {
                  quota: formatNumber(
                    c.quotas.reduce((s, q) => s + q.quota, 0),
                    lang,
                  ),
                  applications: formatNumber(
                    c.quotas.reduce((s, q) => s + q.applications, 0),
                    lang,
                  ),
                })}
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

function CallForm() {
  const { t, lang } = useT();
  const id = useId();
  const territories = useTerritories();
  const year = new Date().getFullYear();
  const [f, setF] = useState({
    year: String(year),
    title: '',
    grantor: '',
    budgetCapKzt: '1000000',
    reportDue: `${year + 1}-01-31`,
  });
  const [quota, setQuota] = useState<Record<string, { quota: string; budget: string }>>({});
  const s = useSubmit();
  const units = territories ? unitsOfYear(territories, Number(f.year) || year) : [];
  const of = (code: string) => quota[code] ?? { quota: '10', budget: '10000000' };
  const text = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = s.run(async () => {
    const made = await post<{ id: number }>('/api/competition/calls', {
      year: Number(f.year),
      title: f.title,
      grantor: f.grantor,
      budgetCapKzt: numberOrNull(f.budgetCapKzt),
      reportDue: f.reportDue,
      quotas: units.map((u) => ({
        region: u.code,
        quota: numberOrNull(of(u.code).quota) ?? 0,
        budgetKzt: numberOrNull(of(u.code).budget) ?? 0,
      })),
    });
    navigate(`/competition/${made.id}`);
  });
  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('competition.newCall')}</h2>
      <div className="form-grid">
        <Field label={t('competition.year')}>
          {(p) => <input {...p} type="number" required value={f.year} onChange={text('year')} />}
        </Field>
        <Field label={t('competition.callTitle')}>
          {(p) => <input {...p} required value={f.title} onChange={text('title')} />}
        </Field>
        <Field label={t('competition.grantor')}>
          {(p) => <input {...p} required value={f.grantor} onChange={text('grantor')} />}
        </Field>
        <Field label={t('competition.cap')}>
          {(p) => (
            <input
              {...p}
              required
              inputMode="decimal"
              value={f.budgetCapKzt}
              onChange={text('budgetCapKzt')}
            />
          )}
        </Field>
        <Field label={t('competition.reportDue')}>
          {(p) => <input {...p} type="date" required value={f.reportDue} onChange={text('reportDue')} />}
        </Field>
      </div>
      <TableWrap>
        <table>
          <caption>{t('competition.quotasCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('competition.region')}</th>
              <th scope="col">{t('competition.quota')}</th>
              <th scope="col">{t('competition.budget')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => {
              const name = territoryName(territories, u.code, lang);
              return (
                <tr key={u.code}>
                  <th scope="row">{name}</th>
                  <td>
                    <input
                      aria-label={t('competition.quotaOf', { region: name })}
                      inputMode="numeric"
                      value={of(u.code).quota}
                      onChange={(e) =>
                        setQuota({ ...quota, [u.code]: { ...of(u.code), quota: e.target.value } })
                      }
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('competition.budgetOf', { region: name })}
                      inputMode="decimal"
                      value={of(u.code).budget}
                      onChange={(e) =>
                        setQuota({ ...quota, [u.code]: { ...of(u.code), budget: e.target.value } })
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <ErrorBox error={s.error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={s.busy}>
          {t('competition.openCall')}
        </button>
      </div>
    </form>
  );
}
