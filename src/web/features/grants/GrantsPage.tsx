// Grant projects and their reporting rounds (issue 13 items 4 and 7): the national office keeps the
// register of projects and opens rounds; a front office reads the projects of its region, a grantee's
// coordinator his organisation's (and reports on them from the project's page). Each project shows
// its grantee, area, years, regions, planned hours and the hours its records hold.
import { useId, useState } from 'react';
import type { GrantProject, RoundBody } from '../../../modules/grants/grants.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, unitsOfYear, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { isNationalRole } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { OrganizationPicker } from '../national/OrganizationPicker.tsx';
import { GrantLinks, numberOrNull, ProvisionBadge, RegionNames, useSubmit } from './parts.tsx';

interface RoundSummary {
  id: number;
  title: string;
  year: number;
  projects: number;
  byStatus: Record<'provided' | 'duplicated_grantor' | 'refused' | 'unreachable' | 'pending', number>;
}

export default function GrantsPage() {
  const { t } = useT();
  return (
    <RequireRole roles={['national_admin', 'national_analyst', 'rfo', 'org_coordinator']}>
      {(user) => (
        <div className="platform-page">
          <PageTitle sub={t('grants.lead')}>{t('grants.title')}</PageTitle>
          <GrantLinks />
          <Projects />
          <Rounds manages={isNationalRole(user.role)} />
          {isNationalRole(user.role) ? <ProjectForm /> : null}
        </div>
      )}
    </RequireRole>
  );
}

function Projects() {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const list = useApi<{ items: GrantProject[] }>('/api/grants/projects');
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="grant-projects">
      <h2 id="grant-projects">{t('grants.projects')}</h2>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && items.length === 0 ? <p className="alert alert-info">{t('grants.noProjects')}</p> : null}
      {items.length ? (
        <TableWrap>
          <table data-testid="grant-projects">
            <caption>{t('grants.projectsCaption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('grants.project')}</th>
                <th scope="col">{t('grants.grantee')}</th>
                <th scope="col">{t('grants.area')}</th>
                <th scope="col">{t('grants.years')}</th>
                <th scope="col">{t('grants.regions')}</th>
                <th scope="col">{t('grants.plannedHours')}</th>
                <th scope="col">{t('grants.recordedHours')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/grants/projects/${p.id}`}>{p.title}</Link>
                    {p.kind === 'competition' ? (
                      <small className="muted"> · {t('grants.kinds.competition')}</small>
                    ) : null}
                    {p.illustrative ? <small className="muted"> · {t('grants.illustrative')}</small> : null}
                  </th>
                  <td>
                    {p.organization.name}
                    {p.organization.bin ? (
                      <>
                        {' '}
                        <code>{p.organization.bin}</code>
                      </>
                    ) : null}
                  </td>
                  <td>{codeName(lists, 'area', p.area, lang)}</td>
                  <td>{p.yearFrom === p.yearTo ? p.yearFrom : `${p.yearFrom}–${p.yearTo}`}</td>
                  <td>
                    <RegionNames codes={p.regions} />
                  </td>
                  <td className="num">{formatHours(p.planned.hours, lang)}</td>
                  <td className="num">{formatHours(p.recorded.hours, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

const PROVISIONS = ['provided', 'duplicated_grantor', 'refused', 'unreachable', 'pending'] as const;

function Rounds({ manages }: { manages: boolean }) {
  const { t, lang } = useT();
  const list = useApi<{ items: RoundSummary[] }>('/api/grants/rounds');
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="grant-rounds">
      <h2 id="grant-rounds">{t('grants.rounds')}</h2>
      <ErrorBox error={list.error} />
      {list.data && items.length === 0 ? <p className="alert alert-info">{t('grants.noRounds')}</p> : null}
      {items.length ? (
        <ul className="plain-list">
          {items.map((r) => (
            <li key={r.id} className="panel">
              <h3>
                <Link to={`/grants/rounds/${r.id}`}>{r.title}</Link>
              </h3>
              <p className="muted">
                {t('grants.roundProjects', { count: r.projects, year: String(r.year) })}
              </p>
              <ul className="plain-list">
                {PROVISIONS.filter((s) => r.byStatus[s] > 0).map((s) => (
                  <li key={s}>
                    <ProvisionBadge status={s === 'pending' ? null : s} /> {formatNumber(r.byStatus[s], lang)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
      {manages ? <RoundForm /> : null}
    </section>
  );
}

function RoundForm() {
  const { t } = useT();
  const id = useId();
  const [f, setF] = useState<RoundBody>({ title: '', year: new Date().getFullYear() });
  const s = useSubmit();
  return (
    <form
      className="subpanel"
      aria-labelledby={`${id}-title`}
      onSubmit={s.run(async () => {
        const r = await post<{ id: number }>('/api/grants/rounds', f);
        navigate(`/grants/rounds/${r.id}`);
      })}
    >
      <h3 id={`${id}-title`}>{t('grants.newRound')}</h3>
      <div className="form-grid">
        <Field label={t('grants.roundTitle')}>
          {(p) => (
            <input {...p} required value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
          )}
        </Field>
        <Field label={t('grants.year')}>
          {(p) => (
            <input
              {...p}
              type="number"
              required
              min={2000}
              max={2100}
              value={f.year}
              onChange={(e) => setF({ ...f, year: Number(e.target.value) })}
            />
          )}
        </Field>
      </div>
      <ErrorBox error={s.error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={s.busy}>
          {t('grants.openRound')}
        </button>
      </div>
    </form>
  );
}

function ProjectForm() {
  const { t, lang } = useT();
  const id = useId();
  const lists = useCodeLists();
  const territories = useTerritories();
  const year = new Date().getFullYear();
  const [org, setOrg] = useState<number | null>(null);
  const [f, setF] = useState({
    title: '',
    grantor: '',
    area: 'bilim',
    yearFrom: String(year),
    yearTo: String(year),
    amountKzt: '',
    plannedVolunteers: '',
    plannedHours: '',
    plannedEvents: '',
  });
  const [regions, setRegions] = useState<string[]>([]);
  const s = useSubmit();
  const units = territories ? unitsOfYear(territories, Number(f.yearTo) || year) : [];
  const text = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = s.run(async () => {
    const made = await post<{ id: number }>('/api/grants/projects', {
      title: f.title,
      organizationId: org,
      grantor: f.grantor,
      area: f.area,
      yearFrom: Number(f.yearFrom),
      yearTo: Number(f.yearTo),
      regions,
      amountKzt: numberOrNull(f.amountKzt),
      plannedVolunteers: numberOrNull(f.plannedVolunteers),
      plannedHours: numberOrNull(f.plannedHours),
      plannedEvents: numberOrNull(f.plannedEvents),
    });
    navigate(`/grants/projects/${made.id}`);
  });
  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('grants.newProject')}</h2>
      <div className="form-grid">
        <Field label={t('grants.project')}>
          {(p) => <input {...p} required value={f.title} onChange={text('title')} />}
        </Field>
        <Field label={t('grants.grantor')}>
          {(p) => <input {...p} required value={f.grantor} onChange={text('grantor')} />}
        </Field>
        <Field label={t('grants.area')}>
          {(p) => (
            <select {...p} value={f.area} onChange={text('area')}>
              {(lists?.area ?? []).map((a) => (
                <option key={a.code} value={a.code}>
                  {codeName(lists, 'area', a.code, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('grants.yearFrom')}>
          {(p) => <input {...p} type="number" required value={f.yearFrom} onChange={text('yearFrom')} />}
        </Field>
        <Field label={t('grants.yearTo')}>
          {(p) => <input {...p} type="number" required value={f.yearTo} onChange={text('yearTo')} />}
        </Field>
        <Field label={t('grants.amount')}>
          {(p) => <input {...p} inputMode="decimal" value={f.amountKzt} onChange={text('amountKzt')} />}
        </Field>
        <Field label={t('grants.plannedVolunteers')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={f.plannedVolunteers}
              onChange={text('plannedVolunteers')}
            />
          )}
        </Field>
        <Field label={t('grants.plannedHours')}>
          {(p) => <input {...p} inputMode="decimal" value={f.plannedHours} onChange={text('plannedHours')} />}
        </Field>
        <Field label={t('grants.plannedEvents')}>
          {(p) => (
            <input {...p} inputMode="numeric" value={f.plannedEvents} onChange={text('plannedEvents')} />
          )}
        </Field>
      </div>
      <OrganizationPicker value={org} onChange={setOrg} legend={t('grants.grantee')} />
      <fieldset>
        <legend>{t('grants.regions')}</legend>
        <div className="filters">
          {units.map((u) => (
            <label key={u.code} className="check">
              <input
                type="checkbox"
                checked={regions.includes(u.code)}
                onChange={(e) =>
                  setRegions(e.target.checked ? [...regions, u.code] : regions.filter((r) => r !== u.code))
                }
              />{' '}
              {territoryName(territories, u.code, lang)}
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorBox error={s.error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={s.busy || org === null || regions.length === 0}>
          {t('grants.register')}
        </button>
      </div>
    </form>
  );
}
