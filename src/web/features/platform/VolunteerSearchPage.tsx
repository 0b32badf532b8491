// The coordinator's search of volunteers who agreed to be found (issue 12 items 4 and 7): filters
// by region, hours of experience in an area, skill, language, assessment and availability; each
// result shows only what the volunteer chose to show (no name, contact or birth date), and the
// coordinator invites him to one of the organisation's published opportunities.
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { Found, searchResultSchema } from '../../../modules/finding/finding.schemas.ts';
import type { MineResponse } from '../../../modules/opportunities/opportunities.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { get, post } from '../../lib/api.ts';
import { formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { useApi } from '../../lib/useApi.ts';

type Result = z.infer<typeof searchResultSchema>;
const EMPTY = {
  region: '',
  area: '',
  minHours: '',
  skill: '',
  language: '',
  minAssessment: '',
  availability: '',
};

export default function VolunteerSearchPage() {
  return <RequireRole roles={['org_coordinator']}>{() => <Search />}</RequireRole>;
}

function Search() {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const territories = useTerritories();
  const mine = useApi<MineResponse>('/api/platform/opportunities/mine');
  const open = (mine.data?.items ?? []).filter((o) => o.status === 'published');
  const [form, setForm] = useState(EMPTY);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const search = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const query = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));
      setResult(await get<Result>('/api/platform/volunteers/search', query));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const regions = (territories ?? []).filter((u) => u.validTo === null);
  const areas = (lists?.area ?? []).filter((x) => x.active);
  return (
    <div className="platform-page">
      <PageTitle sub={t('finding.searchLead')}>{t('finding.searchTitle')}</PageTitle>
      <form
        className="panel form-grid"
        onSubmit={(e) => void search(e)}
        aria-label={t('finding.searchTitle')}
      >
        <Field label={t('opportunities.region')}>
          {(p) => (
            <select {...p} value={form.region} onChange={set('region')}>
              <option value="">—</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {territoryName(territories, r.code, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('opportunities.area')}>
          {(p) => (
            <select {...p} value={form.area} onChange={set('area')}>
              <option value="">—</option>
              {areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {codeName(lists, 'area', a.code, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('finding.minHours')}>
          {(p) => <input {...p} inputMode="decimal" value={form.minHours} onChange={set('minHours')} />}
        </Field>
        <Field label={t('finding.skill')}>
          {(p) => <input {...p} value={form.skill} onChange={set('skill')} />}
        </Field>
        <Field label={t('finding.language')}>
          {(p) => (
            <select {...p} value={form.language} onChange={set('language')}>
              <option value="">—</option>
              {(['kk', 'ru', 'en'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('finding.minAssessment')}>
          {(p) => (
            <select {...p} value={form.minAssessment} onChange={set('minAssessment')}>
              <option value="">—</option>
              {[3, 4, 4.5].map((n) => (
                <option key={n} value={String(n)}>
                  {formatNumber(n, lang, 1)}+
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('finding.availability')}>
          {(p) => <input {...p} value={form.availability} onChange={set('availability')} />}
        </Field>
        <div>
          <button type="submit" className="btn" disabled={busy}>
            {t('finding.find')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {busy ? <Loading /> : null}
      {result ? (
        <>
          <p role="status" data-testid="found-count">
            {t('finding.found', { count: result.total })}
          </p>
          <ul className="plain-list found-list">
            {result.items.map((f) => (
              <FoundCard key={f.ref} found={f} open={open} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function FoundCard({ found, open }: { found: Found; open: MineResponse['items'] }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const territories = useTerritories();
  const [opp, setOpp] = useState(open[0] ? String(open[0].id) : '');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const invite = async () => {
    setError(null);
    try {
      await post(`/api/platform/opportunities/${opp}/invitations`, { volunteer: found.ref });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  const headingId = `found-${found.ref}`;
  return (
    <li className="panel" aria-labelledby={headingId} data-testid="found">
      <h2 id={headingId}>{t('finding.volunteerRef', { ref: found.ref })}</h2>
      <dl className="facts">
        {found.region ? (
          <>
            <dt>{t('opportunities.region')}</dt>
            <dd>{territoryName(territories, found.region, lang)}</dd>
          </>
        ) : null}
        {found.experience?.length ? (
          <>
            <dt>{t('finding.fields.experience')}</dt>
            <dd>
              {found.experience
                .map((e) => `${codeName(lists, 'area', e.area, lang)}: ${formatHours(e.hours, lang)}`)
                .join('; ')}
            </dd>
          </>
        ) : null}
        {found.skills?.length ? (
          <>
            <dt>{t('finding.fields.skills')}</dt>
            <dd>{found.skills.join(', ')}</dd>
          </>
        ) : null}
        {found.languages?.length ? (
          <>
            <dt>{t('finding.fields.languages')}</dt>
            <dd>{found.languages.join(', ')}</dd>
          </>
        ) : null}
        {found.assessment ? (
          <>
            <dt>{t('finding.fields.assessments')}</dt>
            <dd>
              {formatNumber(found.assessment.average, lang, 1)} ({formatNumber(found.assessment.count, lang)})
            </dd>
          </>
        ) : null}
        {found.availability ? (
          <>
            <dt>{t('finding.fields.availability')}</dt>
            <dd>{found.availability}</dd>
          </>
        ) : null}
      </dl>
      <ErrorBox error={error} />
      {done ? (
        <p className="alert alert-success" role="status">
          {t('finding.invited')}
        </p>
      ) : open.length === 0 ? (
        <p className="muted">{t('finding.noOpen')}</p>
      ) : (
        <div className="actions">
          <Field label={t('finding.inviteTo')}>
            {(p) => (
              <select {...p} value={opp} onChange={(e) => setOpp(e.target.value)}>
                {open.map((o) => (
                  <option key={o.id} value={String(o.id)}>
                    {o.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" className="btn" onClick={() => void invite()}>
            {t('finding.invite')}
          </button>
        </div>
      )}
    </li>
  );
}
