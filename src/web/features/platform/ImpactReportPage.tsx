// The coordinator's impact report of a closed opportunity (issue 12 item 5): who or what it reached,
// by type (code list beneficiary_type, each type once), and one line on what came of it. Made at or
// after the close and changed until the date the server gives (1 April after the opportunity's year);
// before the close, or after that date, the page says why instead of a form. What was reported is
// shown as typed (React escapes it: markup in the outcome stays text).
import { type FormEvent, useId, useState } from 'react';
import { beneficiaryProblems, OUTCOME_MAX } from '../../../domain/impact.ts';
import type { ImpactReportView } from '../../../modules/impact/impact.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { put } from '../../lib/api.ts';
import { formatDate, formatKzDateTime, formatNumber } from '../../lib/format.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { codeName, useCodeLists } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/useApi.ts';

export default function ImpactReportPage({ id }: { id: string }) {
  return <RequireRole roles={['org_coordinator']}>{() => <Report id={id} />}</RequireRole>;
}

function Report({ id }: { id: string }) {
  const { t, lang } = useT();
  const valid = /^\d+$/.test(id);
  const found = useApi<ImpactReportView>(valid ? `/api/platform/opportunities/${id}/impact` : null);
  const lists = useCodeLists();
  const [saved, setSaved] = useState(false);
  const d = found.data;
  return (
    <div className="platform-page">
      <PageTitle sub={t('impact.report.lead')}>
        {t('impact.report.title')}
        {d ? (
          <>
            : <span className="opportunity-title">{d.opportunity.title}</span>
          </>
        ) : null}
      </PageTitle>
      <p className="links">
        <Link to="/platform/my/opportunities">{t('impact.report.back')}</Link>
        {valid ? (
          <Link to={`/platform/my/opportunities/${id}`}>{t('opportunities.mine.applicantsLink')}</Link>
        ) : null}
      </p>
      {valid ? null : <p className="alert alert-error">{t('errors.http404')}</p>}
      <ErrorBox error={found.error} />
      {found.loading && !d ? <Loading /> : null}
      {d ? (
        <>
          {saved ? (
            <p className="alert alert-success" role="status" data-testid="impact-saved">
              {t('impact.report.saved')}
            </p>
          ) : null}
          {d.report ? (
            <section className="panel" aria-labelledby="impact-current" data-testid="impact-current">
              <h2 id="impact-current">{t('impact.report.current')}</h2>
              <p className="opportunity-description" data-testid="impact-outcome">
                {d.report.outcome}
              </p>
              <ul className="plain-list">
                {d.report.beneficiaries.map((b) => (
                  <li key={b.type}>
                    {codeName(lists, 'beneficiary_type', b.type, lang)}: {formatNumber(b.count, lang)}
                  </li>
                ))}
              </ul>
              <p data-testid="impact-total">
                {t('impact.report.total', { total: formatNumber(d.report.total, lang) })}
              </p>
              <p className="muted">
                {t('impact.report.reportedAt', {
                  date: formatKzDateTime(d.report.reportedAt, lang),
                  updated: formatKzDateTime(d.report.updatedAt, lang),
                })}
              </p>
            </section>
          ) : null}
          {d.opportunity.status !== 'closed' ? (
            <p className="alert alert-info" data-testid="impact-not-closed">
              {t('impact.report.notClosed')}
            </p>
          ) : d.editable ? (
            <ReportForm
              key={d.report?.updatedAt ?? 'new'}
              view={d}
              onSaved={() => {
                setSaved(true);
                found.reload();
              }}
            />
          ) : (
            <p className="alert alert-info" data-testid="impact-locked">
              {t('impact.report.locked')}
            </p>
          )}
        </>
      ) : null}
    </div>
  );
}

function ReportForm({ view, onSaved }: { view: ImpactReportView; onSaved(): void }) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const formId = useId();
  const types = (lists?.beneficiary_type ?? []).filter((x) => x.active);
  const [outcome, setOutcome] = useState(view.report?.outcome ?? '');
  const [lines, setLines] = useState<{ type: string; count: string }[]>(
    view.report?.beneficiaries.map((b) => ({ type: b.type, count: String(b.count) })) ?? [
      { type: '', count: '' },
    ],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = lines.map((l) => ({
    type: l.type,
    count: l.count.trim() === '' ? Number.NaN : Number(l.count),
  }));
  const problems = beneficiaryProblems(
    parsed,
    types.map((x) => x.code),
  );
  const problemOf = (i: number, rule: string) => problems.some((p) => p.index === i && p.rule === rule);
  const set = (i: number, k: 'type' | 'count', v: string) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await put(`/api/platform/opportunities/${view.opportunity.id}/impact`, {
        outcome,
        beneficiaries: parsed,
      });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="panel"
      aria-labelledby={`${formId}-title`}
      onSubmit={(e) => void submit(e)}
      data-testid="impact-form"
    >
      <h2 id={`${formId}-title`}>{t(view.report ? 'impact.report.formEdit' : 'impact.report.formNew')}</h2>
      {view.editableUntil ? (
        <p className="muted">
          {t('impact.report.editableUntil', { date: formatDate(view.editableUntil, lang) })}
        </p>
      ) : null}
      <Field label={t('impact.report.outcome')} hint={t('impact.report.outcomeHint', { max: OUTCOME_MAX })}>
        {(p) => (
          <input
            {...p}
            name="outcome"
            required
            maxLength={OUTCOME_MAX}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>{t('impact.report.beneficiaries')}</legend>
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id before they are saved
          <div key={i} className="form-grid" data-testid="impact-line">
            <Field
              label={t('impact.report.type')}
              error={
                problemOf(i, 'duplicate_beneficiary_type')
                  ? t('errors.codes.duplicate_beneficiary_type')
                  : null
              }
            >
              {(p) => (
                <select {...p} required value={l.type} onChange={(e) => set(i, 'type', e.target.value)}>
                  <option value="">{t('impact.report.choose')}</option>
                  {types.map((x) => (
                    <option key={x.code} value={x.code}>
                      {localName(x, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('impact.report.count')}
              error={
                l.count.trim() !== '' && problemOf(i, 'beneficiaries_range')
                  ? t('errors.codes.beneficiaries_range')
                  : null
              }
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  required
                  min={0}
                  max={1000000}
                  step={1}
                  value={l.count}
                  onChange={(e) => set(i, 'count', e.target.value)}
                />
              )}
            </Field>
            {lines.length > 1 ? (
              <p>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => setLines(lines.filter((_, j) => j !== i))}
                >
                  {t('impact.report.removeType', {
                    type: l.type ? codeName(lists, 'beneficiary_type', l.type, lang) : i + 1,
                  })}
                </button>
              </p>
            ) : null}
          </div>
        ))}
        {lines.length < types.length ? (
          <p>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => setLines([...lines, { type: '', count: '' }])}
            >
              {t('impact.report.addType')}
            </button>
          </p>
        ) : null}
      </fieldset>
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="btn" disabled={busy || !outcome.trim()}>
          {t('impact.report.save')}
        </button>
      </div>
    </form>
  );
}
