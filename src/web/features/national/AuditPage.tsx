// The audit trail (GET /api/audit): who changed which field, when, from what to what. Without a
// filter the latest changes, newest first, a page at a time; filters by user, date range, region,
// period, kind and action; the history of one entity (an activity's "History" link; a volunteer
// figure is region|period|dimension|category) reads oldest first. Names (region, activity title,
// organisation, code-list labels) come from the server in the interface language.
import { type FormEvent, useState } from 'react';
import type { Lang } from '../../../domain/lang.ts';
import type { AuditEntry } from '../../../modules/audit/audit.schemas.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { codeLabel, localName, useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { usePeriodLabel } from '../rfo/periodLabel.ts';

const ENTITIES = [
  'activity',
  'submission',
  'volunteer_stat',
  'org_count',
  'organization',
  'app_user',
  'code_list_item',
  'territory_unit',
  'import_batch',
  'grant_register_entry',
  'grant_project',
  'grant_round_entry',
  'competition_call',
  'competition_application',
  'competition_score',
];

/** Identifiers that look like numbers but are not quantities: written as stored, never grouped. */
const IDENTIFIER = /(^|_)(id|bin|iin|kato|code|version|year|month|period)$/;

/** A stored value in the reader's conventions: quantities 1 088 387 / 7,5, dates 05.04.2022. */
export function localValue(field: string | null, v: string, lang: Lang): string {
  if (field && IDENTIFIER.test(field)) return v;
  if (/^-?\d+(\.\d+)?$/.test(v) && v.length <= 15) {
    const decimals = v.split('.')[1]?.length ?? 0;
    return formatNumber(Number(v), lang, decimals);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatDateTime(v, lang);
  return v;
}

/** A record written as JSON (a created or deleted row) is shown as "field: value" pairs. */
function Value({ v, field }: { v: string | null; field: string | null }) {
  const { t, lang } = useT();
  const label = usePeriodLabel();
  /** A period in words (май 2024), other values in the reader's conventions. */
  const local = (k: string | null, x: string) => (k === 'period' ? label(x) : localValue(k, x, lang));
  if (v === null) return <>–</>;
  if (v.startsWith('{')) {
    try {
      const o = JSON.parse(v) as Record<string, unknown>;
      return (
        <ul className="plain-list">
          {Object.entries(o)
            .filter(([, x]) => x !== null && x !== '')
            .map(([k, x]) => (
              <li key={k}>
                {codeLabel(t, 'fields', k)}: {local(k, String(x))}
              </li>
            ))}
        </ul>
      );
    } catch {
      // Not JSON after all: shown as written.
    }
  }
  return <>{local(field, v)}</>;
}

/** An entry's note: the file import that made the change ("import_batch 12") links to that import. */
function Note({ note }: { note: string }) {
  const { t } = useT();
  const batch = /^import_batch (\d+)$/.exec(note)?.[1];
  return batch ? (
    <Link to={`/audit?entity=import_batch&entityId=${batch}`}>{t('audit.importBatch', { id: batch })}</Link>
  ) : (
    note
  );
}

/** Kinds named by their region and period alone (shown under them), not by an id. */
const PLACED = ['submission', 'volunteer_stat', 'org_count'];

/** Entries a page. */
const PAGE = 50;
const ACTIONS = ['create', 'update', 'delete', 'status', 'import', 'publish', 'remove', 'select'];
const FILTERS = ['user', 'from', 'to', 'region', 'period', 'entity', 'action', 'entityId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** The day after an ISO date: the form's "to" is inclusive, the API's exclusive. */
const dayAfter = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function Trail({ ownRegion }: { ownRegion: string | null }) {
  const { t, lang } = useT();
  const { query } = useLocation();
  const territories = useTerritories();
  const label = usePeriodLabel();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? ''])) as Filters;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [form, setForm] = useState(filters);
  const asked: Record<string, string | number> = { lang, limit: PAGE + 1, offset: (page - 1) * PAGE };
  for (const k of FILTERS) if (filters[k]) asked[k] = k === 'to' ? dayAfter(filters[k]) : filters[k];
  const trail = useApi<AuditEntry[]>('/api/audit', asked);
  const more = (trail.data?.length ?? 0) > PAGE;
  const list = (trail.data ?? []).slice(0, PAGE);
  const go = (f: Filters, p = 1) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v.trim()) q.set(k, v.trim());
    if (p > 1) q.set('page', String(p));
    navigate(`/audit${q.size ? `?${q}` : ''}`);
  };
  const show = (e: FormEvent) => {
    e.preventDefault();
    go(form);
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const entityName = (x: string) => codeLabel(t, 'audit.entities', x);
  /** A value as read: the server's names first, a status in words. */
  const shown = (e: AuditEntry, v: string | null, named: string | null) =>
    named ?? (e.field === 'status' && v ? codeLabel(t, 'status', v) : v);
  const one = list.find((e) => e.entityId === filters.entityId);
  const title = [
    filters.entity
      ? `${entityName(filters.entity)}${filters.entityId ? ` ${one?.subject ?? filters.entityId}` : ''}`
      : '',
    filters.region ? territoryName(territories, filters.region, lang) : '',
    filters.period ? label(filters.period) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const filtered = FILTERS.some((k) => filters[k]);

  return (
    <div>
      <PageTitle sub={t('audit.lead')}>
        {t('audit.title')}
        {title ? `: ${title}` : ''}
      </PageTitle>
      <form className="filters" onSubmit={show} aria-label={t('audit.choose')}>
        <Field label={t('audit.user')} hint={t('audit.userHint')}>
          {(p) => <input {...p} type="search" value={form.user} onChange={set('user')} />}
        </Field>
        <Field label={t('audit.from')}>
          {(p) => <DateInput {...p} value={form.from} onChange={(v) => setForm({ ...form, from: v })} />}
        </Field>
        <Field label={t('audit.to')}>
          {(p) => <DateInput {...p} value={form.to} onChange={(v) => setForm({ ...form, to: v })} />}
        </Field>
        <Field label={t('dashboard.region')}>
          {(p) => (
            <select {...p} value={form.region} onChange={set('region')}>
              <option value="">{t('common.all')}</option>
              {(territories ?? [])
                .filter((u) => !ownRegion || u.code === ownRegion)
                .map((u) => (
                  <option key={u.code} value={u.code}>
                    {localName(u, lang)}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('fields.period')} hint={t('audit.periodHint')}>
          {(p) => (
            <input
              {...p}
              value={form.period}
              pattern="\d{4}(-(0[1-9]|1[0-2]|H[12]))?"
              onChange={set('period')}
            />
          )}
        </Field>
        <Field label={t('audit.entity')}>
          {(p) => (
            <select {...p} value={form.entity} onChange={set('entity')}>
              <option value="">{t('common.all')}</option>
              {ENTITIES.map((x) => (
                <option key={x} value={x}>
                  {entityName(x)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('audit.action')}>
          {(p) => (
            <select {...p} value={form.action} onChange={set('action')}>
              <option value="">{t('common.all')}</option>
              {ACTIONS.map((x) => (
                <option key={x} value={x}>
                  {codeLabel(t, 'audit.actions', x)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {filters.entityId ? (
          <Field label={t('audit.entityId')} hint={t('audit.entityIdHint')}>
            {(p) => <input {...p} value={form.entityId} onChange={set('entityId')} />}
          </Field>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn">
            {t('audit.show')}
          </button>
          {filtered ? (
            <Link to="/audit" className="btn btn-secondary">
              {t('audit.clear')}
            </Link>
          ) : null}
        </div>
      </form>
      <ErrorBox error={trail.error} />
      {trail.loading ? <Loading /> : null}
      <TableWrap>
        <table data-testid="audit-table">
          <caption>
            {filters.entityId ? t('audit.oldestFirst') : t('audit.newestFirst')}
            {page > 1 || more ? ` · ${t('audit.page', { page })}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.user')}</th>
              {!filters.entityId ? <th scope="col">{t('audit.what')}</th> : null}
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.field')}</th>
              <th scope="col">{t('audit.old')}</th>
              <th scope="col">{t('audit.new')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>
                  {e.user ? (
                    <Link to={`/audit?user=${encodeURIComponent(e.user)}`} title={t('audit.byUser')}>
                      {e.userName ?? e.user}
                    </Link>
                  ) : (
                    t('audit.commandLine')
                  )}
                </td>
                {!filters.entityId ? (
                  <td>
                    <Link to={`/audit?entity=${e.entity}&entityId=${encodeURIComponent(e.entityId)}`}>
                      {entityName(e.entity)}
                      {e.subject ? `: ${e.subject}` : PLACED.includes(e.entity) ? '' : ` ${e.entityId}`}
                    </Link>
                    {e.organization || e.regionName || e.period ? (
                      <>
                        <br />
                        <small>
                          {[e.organization, e.regionName, e.period ? label(e.period) : null]
                            .filter(Boolean)
                            .join(' · ')}
                        </small>
                      </>
                    ) : null}
                  </td>
                ) : null}
                <td>
                  {codeLabel(t, 'audit.actions', e.action)}
                  {e.note ? (
                    <>
                      <br />
                      <small>
                        <Note note={e.note} />
                      </small>
                    </>
                  ) : null}
                </td>
                <td>{e.field ? codeLabel(t, 'fields', e.field) : '–'}</td>
                <td>
                  <Value v={shown(e, e.oldValue, e.oldLabel)} field={e.field} />
                </td>
                <td>
                  <Value v={shown(e, e.newValue, e.newLabel)} field={e.field} />
                </td>
              </tr>
            ))}
            {!list.length && !trail.loading ? (
              <tr>
                <td colSpan={7}>{t('audit.none')}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableWrap>
      {page > 1 || more ? (
        <nav className="actions" aria-label={t('audit.pages')}>
          {page > 1 ? (
            <button type="button" className="btn btn-secondary" onClick={() => go(filters, page - 1)}>
              {t('audit.previous')}
            </button>
          ) : null}
          {more ? (
            <button type="button" className="btn btn-secondary" onClick={() => go(filters, page + 1)}>
              {t('audit.next')}
            </button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export default function AuditPage() {
  const { query } = useLocation();
  return (
    <RequireRole roles={['national_admin', 'national_analyst', 'rfo']}>
      {(user) => (
        // RFO staff read their own region's trail only (the API's policy): the only region offered.
        <Trail key={query.toString()} ownRegion={user.role === 'rfo' ? user.region : null} />
      )}
    </RequireRole>
  );
}
