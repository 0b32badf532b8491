// The audit trail (GET /api/audit): who changed which field, when, from what to what, oldest first,
// of one entity (an activity's "History" link; a volunteer figure is region|period|dimension|
// category) or of every figure of a region and period (the review page's link).
import { type FormEvent, useState } from 'react';
import type { Lang } from '../../../domain/lang.ts';
import type { AuditEntry } from '../../../modules/audit/audit.schemas.ts';
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
                {codeLabel(t, 'fields', k)}: {localValue(k, String(x), lang)}
              </li>
            ))}
        </ul>
      );
    } catch {
      // Not JSON after all: shown as written.
    }
  }
  return <>{localValue(field, v, lang)}</>;
}

const LIMIT = 1000;

function Trail() {
  const { t, lang } = useT();
  const { query } = useLocation();
  const territories = useTerritories();
  const label = usePeriodLabel();
  const filters = {
    entity: query.get('entity') ?? '',
    entityId: query.get('entityId') ?? '',
    region: query.get('region') ?? '',
    period: query.get('period') ?? '',
  };
  const any = Object.values(filters).some(Boolean);
  const [form, setForm] = useState(filters);
  const trail = useApi<AuditEntry[]>(any ? '/api/audit' : null, { ...filters, limit: LIMIT });
  const list = trail.data ?? [];
  const show = (e: FormEvent) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v.trim()) q.set(k, v.trim());
    navigate(`/audit?${q}`);
  };
  const entityName = (x: string) => codeLabel(t, 'audit.entities', x);
  const shown = (e: AuditEntry, v: string | null) =>
    e.field === 'status' && v ? codeLabel(t, 'status', v) : v;
  const title = [
    filters.entity ? `${entityName(filters.entity)} ${filters.entityId}`.trim() : '',
    filters.region ? territoryName(territories, filters.region, lang) : '',
    filters.period ? label(filters.period) : '',
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div>
      <PageTitle sub={t('audit.lead')}>
        {t('audit.title')}
        {title ? `: ${title}` : ''}
      </PageTitle>
      <form className="filters" onSubmit={show} aria-label={t('audit.choose')}>
        <Field label={t('audit.entity')}>
          {(p) => (
            <select {...p} value={form.entity} onChange={(e) => setForm({ ...form, entity: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {ENTITIES.map((x) => (
                <option key={x} value={x}>
                  {entityName(x)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('audit.entityId')} hint={t('audit.entityIdHint')}>
          {(p) => (
            <input
              {...p}
              value={form.entityId}
              onChange={(e) => setForm({ ...form, entityId: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('dashboard.region')}>
          {(p) => (
            <select {...p} value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {(territories ?? []).map((u) => (
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
              onChange={(e) => setForm({ ...form, period: e.target.value })}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="btn">
            {t('audit.show')}
          </button>
        </div>
      </form>
      <ErrorBox error={trail.error} />
      {trail.loading ? <Loading /> : null}
      {any ? (
        <TableWrap>
          <table data-testid="audit-table">
            <caption>
              {t('audit.caption', { count: list.length })}
              {list.length === LIMIT ? ` ${t('audit.firstOnly', { count: LIMIT })}` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.user')}</th>
                {!filters.entityId ? <th scope="col">{t('audit.entity')}</th> : null}
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
                  <td>{e.user ?? t('audit.commandLine')}</td>
                  {!filters.entityId ? (
                    <td>
                      <Link to={`/audit?entity=${e.entity}&entityId=${encodeURIComponent(e.entityId)}`}>
                        {entityName(e.entity)} {e.entityId}
                      </Link>
                    </td>
                  ) : null}
                  <td>
                    {codeLabel(t, 'audit.actions', e.action)}
                    {e.note ? (
                      <>
                        <br />
                        <small>{e.note}</small>
                      </>
                    ) : null}
                  </td>
                  <td>{e.field ? codeLabel(t, 'fields', e.field) : '–'}</td>
                  <td>
                    <Value v={shown(e, e.oldValue)} field={e.field} />
                  </td>
                  <td>
                    <Value v={shown(e, e.newValue)} field={e.field} />
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
      ) : null}
    </div>
  );
}

export default function AuditPage() {
  const { query } = useLocation();
  return (
    <RequireRole roles={['national_admin', 'national_analyst', 'rfo']}>
      {() => <Trail key={query.toString()} />}
    </RequireRole>
  );
}
