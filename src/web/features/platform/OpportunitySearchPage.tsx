// The public search of the platform's opportunities (issue 11 items 3 and 7): by region, area,
// format, dates, age and text, paged; the filters live in the address, so a search can be shared
// and survives a reload. One card per opportunity (it reads on a 360 px phone): title, organiser,
// region, area, format, the next shift in Kazakhstan time and its free places. Text is shown as
// typed: React escapes it.
import { type FormEvent, useEffect, useState } from 'react';
import type { OpportunityItem } from '../../../modules/opportunities/opportunities.schemas.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { formatNumber } from '../../lib/format.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link, setQuery, useLocation } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { shiftText, upcoming } from './opportunityText.ts';

const PAGE = 20;
const FILTERS = ['q', 'region', 'area', 'format', 'from', 'to', 'age'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const fromQuery = (query: URLSearchParams): Filters =>
  Object.fromEntries(FILTERS.map((k) => [k, query.get(k) ?? ''])) as Filters;

export function OpportunityCard({ item }: { item: OpportunityItem }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const next = upcoming(item.shifts)[0] ?? item.shifts[0];
  const headingId = `opp-${item.id}`;
  return (
    <li className="panel" data-testid="opportunity" aria-labelledby={headingId}>
      <h2 id={headingId} className="opportunity-title">
        <Link to={`/platform/opportunities/${item.id}`}>{item.title}</Link>
      </h2>
      <dl className="facts">
        <dt>{t('opportunities.organizer')}</dt>
        <dd>{item.organization.name}</dd>
        <dt>{t('opportunities.region')}</dt>
        <dd>{territoryName(territories, item.region, lang)}</dd>
        <dt>{t('opportunities.area')}</dt>
        <dd>{codeName(lists, 'area', item.area, lang)}</dd>
        <dt>{t('opportunities.format')}</dt>
        <dd>{codeName(lists, 'format', item.format, lang)}</dd>
        {next ? (
          <>
            <dt>{t('opportunities.nextShift')}</dt>
            <dd data-testid="next-shift">{shiftText(next.start, next.end, lang)}</dd>
            <dt>{t('opportunities.free')}</dt>
            <dd>
              {t('opportunities.freeOf', {
                free: formatNumber(next.free, lang),
                capacity: formatNumber(next.capacity, lang),
              })}
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

function SearchForm({ filters }: { filters: Filters }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const [form, setForm] = useState<Filters>(filters);
  const key = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address changed (back, a link): show it
  useEffect(() => setForm(filters), [key]);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const regions = (territories ?? []).filter((u) => u.validTo === null);
  const choice = (list: string) => (lists?.[list] ?? []).filter((x) => x.active);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...form, q: form.q.trim(), offset: null });
  };
  const reset = () => {
    setForm(fromQuery(new URLSearchParams()));
    setQuery({ ...Object.fromEntries(FILTERS.map((k) => [k, null])), offset: null });
  };
  return (
    <form className="panel opportunity-filters" aria-label={t('opportunities.searchLabel')} onSubmit={submit}>
      <Field label={t('opportunities.q')}>
        {(p) => <input {...p} type="search" name="q" maxLength={200} value={form.q} onChange={set('q')} />}
      </Field>
      <div className="form-grid">
        <Field label={t('opportunities.region')}>
          {(p) => (
            <select {...p} name="region" value={form.region} onChange={set('region')}>
              <option value="">{t('opportunities.anyRegion')}</option>
              {regions.map((u) => (
                <option key={u.code} value={u.code}>
                  {localName(u, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('opportunities.area')}>
          {(p) => (
            <select {...p} name="area" value={form.area} onChange={set('area')}>
              <option value="">{t('opportunities.anyArea')}</option>
              {choice('area').map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('opportunities.format')}>
          {(p) => (
            <select {...p} name="format" value={form.format} onChange={set('format')}>
              <option value="">{t('opportunities.anyFormat')}</option>
              {choice('format').map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('opportunities.from')}>
          {(p) => (
            <DateInput {...p} name="from" value={form.from} onChange={(v) => setForm({ ...form, from: v })} />
          )}
        </Field>
        <Field label={t('opportunities.to')}>
          {(p) => (
            <DateInput {...p} name="to" value={form.to} onChange={(v) => setForm({ ...form, to: v })} />
          )}
        </Field>
        <Field label={t('opportunities.age')} hint={t('opportunities.ageHint')}>
          {(p) => (
            <input
              {...p}
              type="number"
              name="age"
              inputMode="numeric"
              min={0}
              max={120}
              value={form.age}
              onChange={set('age')}
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="btn">
          {t('opportunities.search')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={reset}>
          {t('opportunities.reset')}
        </button>
      </div>
    </form>
  );
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

export default function OpportunitySearchPage() {
  const { t, lang } = useT();
  const { query } = useLocation();
  const filters = fromQuery(query);
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  const age = /^\d{1,3}$/.test(filters.age) ? filters.age : undefined;
  const list = useApi<{ items: OpportunityItem[]; total: number }>('/api/platform/opportunities', {
    q: filters.q || undefined,
    region: filters.region || undefined,
    area: filters.area || undefined,
    format: filters.format || undefined,
    // A date still being typed is not sent (the field shows what is typed).
    from: isDate(filters.from) ? filters.from : undefined,
    to: isDate(filters.to) ? filters.to : undefined,
    age,
    limit: PAGE,
    offset,
  });
  const total = list.data?.total ?? 0;
  const items = list.data?.items ?? [];
  return (
    <>
      <PageTitle sub={t('opportunities.searchLead')}>{t('opportunities.searchTitle')}</PageTitle>
      <SearchForm filters={filters} />
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <section aria-labelledby="opp-results">
          <h2 id="opp-results" className="visually-hidden">
            {t('opportunities.results')}
          </h2>
          <p data-testid="opportunity-count" role="status">
            {total === 0
              ? t('opportunities.none')
              : t('opportunities.shown', {
                  from: formatNumber(offset + 1, lang),
                  to: formatNumber(offset + items.length, lang),
                  total: formatNumber(total, lang),
                })}
          </p>
          <p className="muted">{t('opportunities.kzTime')}</p>
          <ul className="opportunity-list">
            {items.map((o) => (
              <OpportunityCard key={o.id} item={o} />
            ))}
          </ul>
          {total > PAGE ? (
            <nav className="actions" aria-label={t('opportunities.pages')}>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset === 0}
                onClick={() => setQuery({ offset: offset - PAGE > 0 ? String(offset - PAGE) : null })}
              >
                {t('opportunities.previous')}
              </button>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={offset + PAGE >= total}
                onClick={() => setQuery({ offset: String(offset + PAGE) })}
              >
                {t('opportunities.next')}
              </button>
            </nav>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
