// One grant project (issue 13 items 4 and 7): its grantee, grantor, area, years, regions, amount,
// planned figures; its data provision in each reporting round; its records month by month. The
// grantee's coordinator (and the national admin, for a report received by mail) reports a month's
// activities: each line becomes an activity record of its region, and reporting a month again
// replaces what was reported for it (the server counts nothing twice).
import { useId, useState } from 'react';
import type { GrantProjectDetail, ReportItem } from '../../../modules/grants/grants.schemas.ts';
import { ProblemTable } from '../../components/ProblemTable.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { ApiError, put } from '../../lib/api.ts';
import { formatDate, formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { periodText } from '../../lib/periodText.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { GrantLinks, numberOrNull, ProvisionBadge, RegionNames, useSubmit } from './parts.tsx';

export default function GrantProjectPage({ id }: { id: string }) {
  return (
    <RequireRole roles={['national_admin', 'national_analyst', 'rfo', 'org_coordinator']}>
      {(user) => <Project id={id} user={user} />}
    </RequireRole>
  );
}

function Project({ id, user }: { id: string; user: User }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const p = useApi<GrantProjectDetail>(`/api/grants/projects/${encodeURIComponent(id)}`);
  const d = p.data;
  const reports =
    d !== null &&
    (user.role === 'national_admin' ||
      (user.role === 'org_coordinator' && user.organizationId === d.organization.id));
  return (
    <div className="platform-page">
      <ErrorBox error={p.error} />
      {p.loading && !d ? <Loading /> : null}
      {d ? (
        <>
          <PageTitle sub={d.organization.name}>{d.title}</PageTitle>
          <GrantLinks />
          <dl className="facts facts-long">
            <dt>{t('grants.grantee')}</dt>
            <dd>
              {d.organization.name}
              {d.organization.bin ? (
                <>
                  {' '}
                  <code>{d.organization.bin}</code>
                </>
              ) : null}
            </dd>
            <dt>{t('grants.grantor')}</dt>
            <dd>{d.grantor}</dd>
            <dt>{t('grants.kind')}</dt>
            <dd>{t(`grants.kinds.${d.kind}`)}</dd>
            <dt>{t('grants.area')}</dt>
            <dd>{codeName(lists, 'area', d.area, lang)}</dd>
            <dt>{t('grants.years')}</dt>
            <dd>{d.yearFrom === d.yearTo ? d.yearFrom : `${d.yearFrom}–${d.yearTo}`}</dd>
            <dt>{t('grants.regions')}</dt>
            <dd>
              <RegionNames codes={d.regions} />
            </dd>
            <dt>{t('grants.amount')}</dt>
            <dd>{formatNumber(d.amountKzt, lang)}</dd>
            <dt>{t('grants.planned')}</dt>
            <dd>
              {t('grants.figures', {
                volunteers: formatNumber(d.planned.volunteers, lang),
                hours: formatHours(d.planned.hours, lang),
                events: formatNumber(d.planned.events, lang),
              })}
            </dd>
            <dt>{t('grants.recorded')}</dt>
            <dd data-testid="recorded">
              {t('grants.figures', {
                volunteers: formatNumber(d.recorded.volunteers, lang),
                hours: formatHours(d.recorded.hours, lang),
                events: formatNumber(d.recorded.records, lang),
              })}
            </dd>
            {d.illustrative ? (
              <>
                <dt>{t('grants.illustrative')}</dt>
                <dd>{t('grants.illustrativeNote')}</dd>
              </>
            ) : null}
          </dl>
          {d.notes ? <p className="opportunity-description">{d.notes}</p> : null}
          <RoundsOf d={d} />
          <Months d={d} />
          {reports ? <ReportForm d={d} onDone={p.reload} /> : null}
        </>
      ) : null}
    </div>
  );
}

function RoundsOf({ d }: { d: GrantProjectDetail }) {
  const { t, lang } = useT();
  if (d.rounds.length === 0) return null;
  return (
    <TableWrap>
      <table>
        <caption>{t('grants.provisionCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('grants.round')}</th>
            <th scope="col">{t('grants.provisionColumn')}</th>
            <th scope="col">{t('grants.comment')}</th>
            <th scope="col">{t('grants.reportedHours')}</th>
          </tr>
        </thead>
        <tbody>
          {d.rounds.map((r) => (
            <tr key={r.round.id}>
              <th scope="row">{r.round.title}</th>
              <td>
                <ProvisionBadge status={r.status} />
              </td>
              <td>{r.comment ?? '–'}</td>
              <td className="num">{formatHours(r.reported.hours, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Months({ d }: { d: GrantProjectDetail }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  if (d.months.length === 0) return <p className="alert alert-info">{t('grants.noRecords')}</p>;
  return (
    <TableWrap>
      <table data-testid="grant-months">
        <caption>{t('grants.monthsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('grants.month')}</th>
            <th scope="col">{t('grants.region')}</th>
            <th scope="col">{t('grants.records')}</th>
            <th scope="col">{t('grants.volunteers')}</th>
            <th scope="col">{t('grants.hours')}</th>
            <th scope="col">{t('grants.beneficiaries')}</th>
          </tr>
        </thead>
        <tbody>
          {d.months.map((m) => (
            <tr key={`${m.period}|${m.region}`}>
              <th scope="row">{periodText(t, m.period)}</th>
              <td>{territoryName(territories, m.region, lang)}</td>
              <td className="num">{formatNumber(m.records, lang)}</td>
              <td className="num">{formatNumber(m.volunteers, lang)}</td>
              <td className="num">{formatHours(m.hours, lang)}</td>
              <td className="num">{formatNumber(m.beneficiaries, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

interface Line {
  region: string;
  title: string;
  format: string;
  kind: 'event' | 'ongoing';
  startDate: string;
  endDate: string;
  volunteers: string;
  hours: string;
  beneficiaries: string;
}

const lastMonth = () => {
  const d = new Date(Date.now() + 5 * 3600_000);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 7);
};

function ReportForm({ d, onDone }: { d: GrantProjectDetail; onDone(): void }) {
  const { t, lang } = useT();
  const id = useId();
  const territories = useTerritories();
  const lists = useCodeLists();
  const [month, setMonth] = useState(lastMonth());
  const blank = (): Line => ({
    region: d.regions[0] ?? '',
    title: '',
    format: 'offline',
    kind: 'event',
    startDate: `${month}-01`,
    endDate: `${month}-01`,
    volunteers: '',
    hours: '',
    beneficiaries: '',
  });
  const [lines, setLines] = useState<Line[]>([blank()]);
  const [saved, setSaved] = useState<string | null>(null);
  const s = useSubmit();
  const set = (i: number, k: keyof Line, v: string) =>
    setLines(lines.map((l, j) => (j === i ? ({ ...l, [k]: v } as Line) : l)));
  const submit = s.run(
    async () => {
      setSaved(null);
      const items: ReportItem[] = lines.map((l) => ({
        region: l.region,
        title: l.title,
        format: l.format,
        kind: l.kind,
        startDate: l.startDate,
        endDate: l.endDate,
        volunteers: numberOrNull(l.volunteers) ?? 0,
        hours: numberOrNull(l.hours) ?? 0,
        beneficiaries: numberOrNull(l.beneficiaries),
      }));
      await put(`/api/grants/projects/${d.id}/reports/${month}`, { items });
    },
    () => {
      setSaved(month);
      onDone();
    },
  );
  const problems =
    s.error instanceof ApiError && s.error.code === 'validation_failed' ? s.error.details : null;
  return (
    <form className="panel" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('grants.reportTitle')}</h2>
      <p className="muted">{t('grants.reportLead')}</p>
      <Field label={t('grants.month')}>
        {(p) => (
          <input {...p} type="month" required value={month} onChange={(e) => setMonth(e.target.value)} />
        )}
      </Field>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a line is its position in the report
        <fieldset key={i} className="subpanel">
          <legend>{t('grants.line', { n: i + 1 })}</legend>
          <div className="form-grid">
            <Field label={t('grants.region')}>
              {(p) => (
                <select {...p} value={l.region} onChange={(e) => set(i, 'region', e.target.value)}>
                  {d.regions.map((r) => (
                    <option key={r} value={r}>
                      {territoryName(territories, r, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('grants.lineTitle')}>
              {(p) => (
                <input {...p} required value={l.title} onChange={(e) => set(i, 'title', e.target.value)} />
              )}
            </Field>
            <Field label={t('grants.format')}>
              {(p) => (
                <select {...p} value={l.format} onChange={(e) => set(i, 'format', e.target.value)}>
                  {(lists?.format ?? []).map((f) => (
                    <option key={f.code} value={f.code}>
                      {codeName(lists, 'format', f.code, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('grants.lineKind')}>
              {(p) => (
                <select {...p} value={l.kind} onChange={(e) => set(i, 'kind', e.target.value)}>
                  <option value="event">{t('grants.lineKinds.event')}</option>
                  <option value="ongoing">{t('grants.lineKinds.ongoing')}</option>
                </select>
              )}
            </Field>
            <Field label={t('grants.startDate')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  required
                  value={l.startDate}
                  onChange={(e) => set(i, 'startDate', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('grants.endDate')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  required
                  value={l.endDate}
                  onChange={(e) => set(i, 'endDate', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('grants.volunteers')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  required
                  value={l.volunteers}
                  onChange={(e) => set(i, 'volunteers', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('grants.hours')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  required
                  value={l.hours}
                  onChange={(e) => set(i, 'hours', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('grants.beneficiaries')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={l.beneficiaries}
                  onChange={(e) => set(i, 'beneficiaries', e.target.value)}
                />
              )}
            </Field>
          </div>
          {lines.length > 1 ? (
            <button
              type="button"
              className="btn btn-small btn-secondary"
              onClick={() => setLines(lines.filter((_, j) => j !== i))}
            >
              {t('grants.removeLine', { n: i + 1 })}
            </button>
          ) : null}
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={() => setLines([...lines, blank()])}>
          {t('grants.addLine')}
        </button>
      </div>
      {problems ? (
        <ProblemTable problems={problems} caption={t('grants.reportProblems')} />
      ) : (
        <ErrorBox error={s.error} />
      )}
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('grants.reportSaved', {
            month: periodText(t, saved),
            date: formatDate(new Date().toISOString(), lang),
          })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="btn" disabled={s.busy}>
          {t('grants.sendReport')}
        </button>
      </div>
    </form>
  );
}
