// The appeals' monthly figures (issue 13 item 1): for a year, each month's appeals by status, the
// median times to the first answer and to the result, how many missed the targets and how many are
// overdue now; the year's channels and topics. Nothing personal: staff and the government viewers
// read it (a front office its region). The national admin changes the targets here.
import { type FormEvent, useState } from 'react';
import type { Monthly } from '../../../modules/appeals/appeals.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle, YearSelect } from '../../components/ui.tsx';
import { put } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { localName, monthName, useT } from '../../lib/i18n.ts';
import { codeName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link, setQuery, useLocation } from '../../lib/router.tsx';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { STAFF_ROLES } from './appealParts.tsx';

export default function AppealsMonthlyPage() {
  const { t } = useT();
  return (
    <RequireRole roles={[...STAFF_ROLES, 'viewer']}>
      {(user) => (
        <div>
          <PageTitle sub={t('appeals.monthlyLead')}>{t('appeals.monthlyTitle')}</PageTitle>
          {user.role !== 'viewer' ? (
            <p className="links">
              <Link to="/appeals">{t('appeals.backToQueue')}</Link>
            </p>
          ) : null}
          <Figures user={user} />
        </div>
      )}
    </RequireRole>
  );
}

function Figures({ user }: { user: User }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const territories = useTerritories();
  const { query } = useLocation();
  const year = Number(query.get('year')) || new Date().getFullYear();
  const region = query.get('region') ?? '';
  const national = user.role !== 'rfo';
  const data = useApi<Monthly>('/api/appeals/monthly', {
    year,
    region: national ? region || undefined : undefined,
  });
  const m = data.data;
  const n = (v: number | null) => formatNumber(v, lang);
  const d1 = (v: number | null) => formatNumber(v, lang, 1);
  const status = (f: Monthly['total'], code: string) => f.byStatus.find((s) => s.code === code)?.count ?? 0;
  const rows = m ? [...m.months.map((x) => ({ ...x, label: monthName(t, Number(x.month.slice(5))) }))] : [];
  return (
    <>
      <form className="filters" aria-label={t('appeals.filter')} onSubmit={(e) => e.preventDefault()}>
        <YearSelect year={year} onChange={(y) => setQuery({ year: String(y) })} />
        {national ? (
          <label>
            {t('appeals.region')}
            <select value={region} onChange={(e) => setQuery({ region: e.target.value })}>
              <option value="">{t('appeals.allRegions')}</option>
              {(territories ?? [])
                .filter((u) => u.validTo === null)
                .map((u) => (
                  <option key={u.code} value={u.code}>
                    {localName(u, lang)}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
      </form>
      <ErrorBox error={data.error} />
      {data.loading && !m ? <Loading /> : null}
      {m ? (
        <>
          <p>
            {t('appeals.targetsNow', {
              response: d1(m.targets.firstResponseHours),
              resolution: d1(m.targets.resolutionHours / 24),
            })}{' '}
            {m.leftOut ? t('appeals.leftOut', { count: m.leftOut }) : null}
          </p>
          <TableWrap>
            <table>
              <caption>{t('appeals.monthlyCaption', { year: m.year })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('appeals.month')}</th>
                  <th scope="col" className="num">
                    {t('appeals.receivedCount')}
                  </th>
                  <th scope="col" className="num">
                    {t('appeals.relatedCount')}
                  </th>
                  {(['new', 'in_progress', 'resolved', 'closed'] as const).map((s) => (
                    <th key={s} scope="col" className="num">
                      {codeName(lists, 'appeal_status', s, lang)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('appeals.medianResponse')}
                  </th>
                  <th scope="col" className="num">
                    {t('appeals.medianResolution')}
                  </th>
                  <th scope="col" className="num">
                    {t('appeals.lateResponse')}
                  </th>
                  <th scope="col" className="num">
                    {t('appeals.lateResolution')}
                  </th>
                  <th scope="col" className="num">
                    {t('appeals.overdueNow')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...rows, { ...m.total, month: 'total', label: t('appeals.total') }].map((r) => (
                  <tr key={r.month} data-testid={`appeals-month-${r.month}`}>
                    <th scope="row">{r.label}</th>
                    <td className="num">{n(r.received)}</td>
                    <td className="num">{n(r.related)}</td>
                    {(['new', 'in_progress', 'resolved', 'closed'] as const).map((s) => (
                      <td key={s} className="num">
                        {n(status(r, s))}
                      </td>
                    ))}
                    <td className="num">{d1(r.medianResponseHours)}</td>
                    <td className="num">{d1(r.medianResolutionDays)}</td>
                    <td className="num">{n(r.lateResponse)}</td>
                    <td className="num">{n(r.lateResolution)}</td>
                    <td className="num">{n(r.overdueNow)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <div className="grid-2">
            <CodeCounts title={t('appeals.byChannel')} list="appeal_channel" counts={m.total.byChannel} />
            <CodeCounts title={t('appeals.byTopic')} list="appeal_topic" counts={m.total.byTopic} />
          </div>
          {user.role === 'national_admin' ? <Targets targets={m.targets} onSaved={data.reload} /> : null}
        </>
      ) : null}
    </>
  );
}

function CodeCounts({
  title,
  list,
  counts,
}: {
  title: string;
  list: string;
  counts: Monthly['total']['byChannel'];
}) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  return (
    <section className="panel">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('appeals.code')}</th>
            <th scope="col" className="num">
              {t('appeals.receivedCount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c) => (
            <tr key={c.code}>
              <th scope="row">{codeName(lists, list, c.code, lang)}</th>
              <td className="num">{formatNumber(c.count, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The national admin's change of the targets (reference data). */
function Targets({ targets, onSaved }: { targets: Monthly['targets']; onSaved(): void }) {
  const { t } = useT();
  const [response, setResponse] = useState(String(targets.firstResponseHours));
  const [days, setDays] = useState(String(targets.resolutionHours / 24));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await put('/api/appeals/targets', {
        firstResponseHours: Number(response.replace(',', '.')),
        resolutionHours: Number(days.replace(',', '.')) * 24,
      });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel appeal-form" onSubmit={(e) => void submit(e)} aria-labelledby="appeal-targets">
      <h2 id="appeal-targets">{t('appeals.targets')}</h2>
      <Field label={t('appeals.targetResponse')}>
        {(p) => (
          <input
            {...p}
            name="firstResponseHours"
            inputMode="decimal"
            size={6}
            required
            value={response}
            onChange={(e) => setResponse(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('appeals.targetResolution')}>
        {(p) => (
          <input
            {...p}
            name="resolutionDays"
            inputMode="decimal"
            size={6}
            required
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        )}
      </Field>
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy}>
          {t('appeals.saveTargets')}
        </button>
      </div>
    </form>
  );
}
