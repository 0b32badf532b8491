// The coordinator's opportunities (issue 11 items 3 and 7): every opportunity of the organisation in
// every status, the newest first, with publish / close / cancel (a reason) after a confirmation; and
// the form of a new one with its shifts, dated and timed in Kazakhstan time. Only for the
// coordinator of a verified organisation: another gets the server's reason and a link to the
// organisation's status.
import { type FormEvent, useEffect, useState } from 'react';
import type { MineResponse } from '../../../modules/opportunities/opportunities.schemas.ts';
import type { PlatformOrganization } from '../../../modules/platform-organizations/platform-organizations.schemas.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { ApiError, post } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';
import { kzInstant, shiftText } from './opportunityText.ts';

type Item = MineResponse['items'][number];
type Step = 'publish' | 'close' | 'cancel';

function Actions({ item, onChanged }: { item: Item; onChanged(): void }) {
  const { t } = useT();
  const [asking, setAsking] = useState<Step | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const steps: Step[] =
    item.status === 'draft' ? ['publish', 'cancel'] : item.status === 'published' ? ['close', 'cancel'] : [];
  if (steps.length === 0) return null;
  const run = async () => {
    if (!asking) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/platform/opportunities/${item.id}/${asking}`, asking === 'cancel' ? { reason } : {});
      setAsking(null);
      setReason('');
      onChanged();
    } catch (e) {
      setError(e);
      setAsking(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorBox error={error} />
      <div className="actions">
        {steps.map((s) => (
          <button
            key={s}
            type="button"
            className={s === 'publish' ? 'btn' : 'btn btn-secondary'}
            onClick={() => setAsking(s)}
          >
            {t(`opportunities.mine.${s}`)}
          </button>
        ))}
      </div>
      {asking ? (
        <ConfirmDialog
          title={t(`opportunities.mine.${asking}Title`, { title: item.title })}
          text={t(`opportunities.mine.${asking}Text`)}
          confirm={t(`opportunities.mine.${asking}`)}
          danger={asking === 'cancel'}
          busy={busy || (asking === 'cancel' && !reason.trim())}
          onConfirm={() => void run()}
          onCancel={() => setAsking(null)}
        >
          {asking === 'cancel' ? (
            <Field label={t('opportunities.mine.reason')}>
              {(p) => (
                <textarea
                  {...p}
                  required
                  rows={3}
                  maxLength={2000}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function MyCard({ item, onChanged }: { item: Item; onChanged(): void }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const headingId = `my-opp-${item.id}`;
  return (
    <li className="panel" data-testid="my-opportunity" aria-labelledby={headingId}>
      <h2 id={headingId} className="opportunity-title">
        <Link to={`/platform/opportunities/${item.id}`}>{item.title}</Link>
      </h2>
      {item.status !== 'draft' ? (
        <p className="links">
          <Link to={`/platform/my/opportunities/${item.id}`} data-testid="applicants-link">
            {t('opportunities.mine.applicantsLink')}
          </Link>
          {item.status === 'closed' ? (
            <Link
              to={`/platform/my/opportunities/${item.id}/impact`}
              data-testid="impact-link"
              aria-describedby={headingId}
            >
              {t('impact.report.link')}
            </Link>
          ) : null}
        </p>
      ) : null}
      <p>
        <span className={`badge badge-opp-${item.status}`} data-testid="opportunity-status">
          {t(`opportunities.statuses.${item.status}`)}
        </span>
      </p>
      <dl className="facts">
        <dt>{t('opportunities.region')}</dt>
        <dd>{territoryName(territories, item.region, lang)}</dd>
        <dt>{t('opportunities.area')}</dt>
        <dd>{codeName(lists, 'area', item.area, lang)}</dd>
        <dt>{t('opportunities.format')}</dt>
        <dd>{codeName(lists, 'format', item.format, lang)}</dd>
        {item.reason ? (
          <>
            <dt>{t('opportunities.mine.reasonShown')}</dt>
            <dd>{item.reason}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('opportunities.shifts')}</h3>
      <ul className="plain-list opportunity-shifts">
        {item.shifts.map((s) => (
          <li key={s.id}>
            {shiftText(s.start, s.end, lang)} ·{' '}
            {t('opportunities.freeOf', {
              free: formatNumber(s.free, lang),
              capacity: formatNumber(s.capacity, lang),
            })}
          </li>
        ))}
      </ul>
      <Actions item={item} onChanged={onChanged} />
    </li>
  );
}

interface ShiftForm {
  date: string;
  start: string;
  endDate: string;
  end: string;
  capacity: string;
}
const EMPTY_SHIFT: ShiftForm = { date: '', start: '', endDate: '', end: '', capacity: '10' };
const EMPTY = {
  title: '',
  description: '',
  area: '',
  region: '',
  format: '',
  minAge: '14',
  probono: false,
  skills: '',
  locality: '',
  training: '',
};

function NewOpportunity({ onCreated }: { onCreated(): void }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const [form, setForm] = useState(EMPTY);
  const [shifts, setShifts] = useState<ShiftForm[]>([{ ...EMPTY_SHIFT }]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  // The organisation's own region is the likeliest place: chosen until another is.
  const org = useApi<PlatformOrganization>('/api/platform/organizations/mine');
  const orgRegion = org.data?.region ?? '';
  useEffect(() => {
    if (orgRegion) setForm((f) => (f.region ? f : { ...f, region: orgRegion }));
  }, [orgRegion]);
  const regions = (territories ?? []).filter((u) => u.validTo === null);
  const choice = (list: string) => (lists?.[list] ?? []).filter((x) => x.active);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const setShift = (i: number, k: keyof ShiftForm, v: string) =>
    setShifts(shifts.map((s, j) => (j === i ? { ...s, [k]: v } : s)));
  const fieldError = (column: string) =>
    error instanceof ApiError && error.details.some((d) => d.column === column)
      ? t('opportunities.mine.check')
      : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await post('/api/platform/opportunities', {
        title: form.title,
        description: form.description,
        area: form.area,
        region: form.region,
        format: form.format,
        minAge: form.minAge.trim() === '' ? null : Number(form.minAge),
        probono: form.probono,
        ...(form.locality.trim() ? { locality: form.locality } : {}),
        ...(form.training.trim() ? { training: form.training } : {}),
        skills: form.skills
          .split(/[,;\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
        shifts: shifts.map((s) => ({
          start: kzInstant(s.date, s.start),
          end: kzInstant(s.endDate || s.date, s.end),
          capacity: Number(s.capacity),
        })),
      });
      setForm({ ...EMPTY, region: orgRegion });
      setShifts([{ ...EMPTY_SHIFT }]);
      setDone(true);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" aria-labelledby="new-opp" onSubmit={submit} data-testid="new-opportunity">
      <h2 id="new-opp">{t('opportunities.mine.newTitle')}</h2>
      <p className="muted">{t('opportunities.mine.newLead')}</p>
      <Field label={t('opportunities.mine.title')}>
        {(p) => (
          <input {...p} name="title" required maxLength={300} value={form.title} onChange={set('title')} />
        )}
      </Field>
      <Field label={t('opportunities.mine.description')}>
        {(p) => (
          <textarea
            {...p}
            name="description"
            required
            rows={5}
            maxLength={10000}
            value={form.description}
            onChange={set('description')}
          />
        )}
      </Field>
      <div className="form-grid">
        <Field label={t('opportunities.area')} error={fieldError('area')}>
          {(p) => (
            <select {...p} name="area" required value={form.area} onChange={set('area')}>
              <option value="">{t('opportunities.mine.choose')}</option>
              {choice('area').map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('opportunities.region')} error={fieldError('region')}>
          {(p) => (
            <select {...p} name="region" required value={form.region} onChange={set('region')}>
              <option value="">{t('opportunities.mine.choose')}</option>
              {regions.map((u) => (
                <option key={u.code} value={u.code}>
                  {localName(u, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('opportunities.format')} error={fieldError('format')}>
          {(p) => (
            <select {...p} name="format" required value={form.format} onChange={set('format')}>
              <option value="">{t('opportunities.mine.choose')}</option>
              {choice('format').map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('opportunities.minAge')}
          error={fieldError('minAge')}
          hint={t('opportunities.mine.minAgeHint')}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              name="minAge"
              inputMode="numeric"
              min={14}
              max={120}
              value={form.minAge}
              onChange={set('minAge')}
            />
          )}
        </Field>
      </div>
      <Field label={t('opportunities.skills')} hint={t('opportunities.mine.skillsHint')}>
        {(p) => <input {...p} name="skills" maxLength={2000} value={form.skills} onChange={set('skills')} />}
      </Field>
      <Field label={t('opportunities.locality')} error={fieldError('locality')}>
        {(p) => (
          <input {...p} name="locality" maxLength={200} value={form.locality} onChange={set('locality')} />
        )}
      </Field>
      <Field
        label={t('opportunities.training')}
        hint={t('opportunities.mine.trainingHint')}
        error={fieldError('training')}
      >
        {(p) => (
          <input {...p} name="training" maxLength={1000} value={form.training} onChange={set('training')} />
        )}
      </Field>
      <label className="check-line">
        <input
          type="checkbox"
          name="probono"
          checked={form.probono}
          onChange={(e) => setForm({ ...form, probono: e.target.checked })}
        />{' '}
        {t('opportunities.mine.probono')}
      </label>
      <h3>{t('opportunities.shifts')}</h3>
      <p className="muted">{t('opportunities.mine.shiftsLead')}</p>
      {shifts.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: shifts have no id before they are saved
        <fieldset key={i} data-testid="shift-form">
          <legend>{t('opportunities.mine.shiftN', { n: i + 1 })}</legend>
          <div className="form-grid">
            <Field label={t('opportunities.mine.date')} error={fieldError(`shifts.${i}.start`)}>
              {(p) => <DateInput {...p} required value={s.date} onChange={(v) => setShift(i, 'date', v)} />}
            </Field>
            <Field label={t('opportunities.mine.start')}>
              {(p) => (
                <input
                  {...p}
                  type="time"
                  required
                  value={s.start}
                  onChange={(e) => setShift(i, 'start', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('opportunities.mine.endDate')} hint={t('opportunities.mine.endDateHint')}>
              {(p) => <DateInput {...p} value={s.endDate} onChange={(v) => setShift(i, 'endDate', v)} />}
            </Field>
            <Field label={t('opportunities.mine.end')} error={fieldError(`shifts.${i}.end`)}>
              {(p) => (
                <input
                  {...p}
                  type="time"
                  required
                  value={s.end}
                  onChange={(e) => setShift(i, 'end', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('opportunities.mine.capacity')} error={fieldError(`shifts.${i}.capacity`)}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  required
                  min={1}
                  max={10000}
                  value={s.capacity}
                  onChange={(e) => setShift(i, 'capacity', e.target.value)}
                />
              )}
            </Field>
          </div>
          {shifts.length > 1 ? (
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => setShifts(shifts.filter((_, j) => j !== i))}
            >
              {t('opportunities.mine.removeShift', { n: i + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => setShifts([...shifts, { ...EMPTY_SHIFT }])}
        >
          {t('opportunities.mine.addShift')}
        </button>
      </p>
      <ErrorBox error={error} />
      {done ? (
        <p className="alert alert-success" role="status">
          {t('opportunities.mine.created')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="btn" disabled={busy}>
          {t('opportunities.mine.create')}
        </button>
      </div>
    </form>
  );
}

function Mine() {
  const { t } = useT();
  const list = useApi<MineResponse>('/api/platform/opportunities/mine');
  if (list.loading && !list.data) return <Loading />;
  if (!list.data)
    return (
      <>
        <ErrorBox error={list.error} />
        <p>
          <Link to="/platform/organizations/mine">{t('platformOrgs.mineTitle')}</Link>
        </p>
      </>
    );
  const items = list.data.items;
  return (
    <>
      <section aria-labelledby="my-opps">
        <h2 id="my-opps">{t('opportunities.mine.listTitle')}</h2>
        <p data-testid="my-opportunity-count">{t('opportunities.mine.count', { count: items.length })}</p>
        <p className="muted">{t('opportunities.kzTime')}</p>
        <ul className="opportunity-list">
          {items.map((o) => (
            <MyCard key={o.id} item={o} onChanged={list.reload} />
          ))}
        </ul>
      </section>
      <NewOpportunity onCreated={list.reload} />
    </>
  );
}

export default function MyOpportunitiesPage() {
  const { t } = useT();
  return (
    <RequireRole roles={['org_coordinator']}>
      {() => (
        <>
          <PageTitle sub={t('opportunities.mine.lead')}>{t('opportunities.mine.pageTitle')}</PageTitle>
          <p>
            <Link to="/platform/my/volunteers">{t('finding.menuLink')}</Link>
          </p>
          <Mine />
        </>
      )}
    </RequireRole>
  );
}
