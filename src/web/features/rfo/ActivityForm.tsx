// The activity entry form: the import's columns as fields, validated as you type with the same
// rules as the API (src/domain/activity-rules.ts). The organiser is chosen from the region's
// registry, or a new one is named (the save adds it to the registry). The draft is kept in
// localStorage until saved; a 409 opens the merge dialog; a 401 opens the sign-in dialog and the
// save resumes. A record of a submitted or accepted month opens read-only (shown, not editable).
import { type FormEvent, useMemo, useState } from 'react';
import {
  ACTIVITY_COLUMNS,
  type ActivityColumn,
  COHORT_COLUMNS,
  type Problem,
  validateActivity,
} from '../../../domain/activity-rules.ts';
import type { Activity } from '../../../modules/activities/activities.schemas.ts';
import type { CodeLists, Territory } from '../../../modules/reference/reference.schemas.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { ruleText } from '../../components/ProblemTable.tsx';
import { ErrorBox, Field } from '../../components/ui.tsx';
import { ApiError, isNetworkError, post, put } from '../../lib/api.ts';
import { useDraft } from '../../lib/drafts.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { buildSnapshot } from '../../lib/reference.ts';
import { OrganizationPicker } from '../national/OrganizationPicker.tsx';
import { activityToForm, conflictCode } from './api.ts';
import { ConflictDialog, currentRowOf } from './ConflictDialog.tsx';

type FormField = Exclude<ActivityColumn, 'region' | 'period'>;
/** The record's columns but the region and the period, which the page the form is on fixes. */
export const FORM_FIELDS = ACTIVITY_COLUMNS.filter((c): c is FormField => c !== 'region' && c !== 'period');

type Form = Record<string, string>;
interface Draft {
  form: Form;
  /** The version of the record the draft was typed against; null for a new record. */
  version: number | null;
}
const blank = (region: string, period: string): Form => ({
  ...Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])),
  region,
  period,
});

export function ActivityForm({
  region,
  period,
  editing,
  territories,
  lists,
  onSaved,
  onCancel,
  readOnly = false,
}: {
  region: string;
  period: string;
  /** The record as read (its version is the one a save names), or null for a new one. */
  editing: Activity | null;
  territories: Territory[];
  lists: CodeLists;
  onSaved(): void;
  onCancel(): void;
  /** The month is submitted or accepted: the record is shown, its fields not editable. */
  readOnly?: boolean;
}) {
  const { t, lang } = useT();
  const fresh = (): Draft => ({
    form: editing
      ? { ...blank(region, period), ...activityToForm(editing), region, period }
      : blank(region, period),
    version: editing?.version ?? null,
  });
  // The draft keeps the version it was typed against: saved later, it still cannot overwrite a
  // newer record unseen (the server answers 409 and the merge dialog opens).
  const draft = useDraft<Draft>(
    `activity.${region}.${period}.${editing?.id ?? 'new'}`,
    fresh,
    (v) => typeof (v as Draft).form === 'object' && (v as Draft).form !== null,
  );
  const form = draft.value.form;
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [conflict, setConflict] = useState<Activity | null>(null);
  const [busy, setBusy] = useState(false);
  const snapshot = useMemo(() => buildSnapshot(territories, lists), [territories, lists]);
  const { value, problems } = useMemo(() => validateActivity(form, snapshot), [form, snapshot]);
  // The organiser: one of the region's registry (its id), or a new one named in the fields below.
  const [orgId, setOrgId] = useState<number | null>(editing?.organization_id ?? null);
  /** The organisation's fields show the one picked from the registry: not typed over. */
  const picked = orgId !== null ? { readOnly: true } : {};

  const problemOf = (f: string) => {
    const p = touched[f] || submitted ? problems.find((x) => x.column === f) : undefined;
    const s = serverProblems.find((x) => x.column === f);
    const shown = p ?? s;
    return shown ? ruleText(t, shown) : null;
  };
  const set = (f: string, v: string) => {
    setServerProblems((ps) => ps.filter((p) => p.column !== f));
    draft.set({ ...draft.value, form: { ...form, [f]: v } });
  };
  const blur = (f: string) => setTouched((s) => ({ ...s, [f]: true }));
  const options = (list: string) =>
    (lists[list] ?? []).filter((i) => i.active).sort((a, b) => a.sort - b.sort);

  const save = async (e?: FormEvent, next?: Draft) => {
    e?.preventDefault();
    if (readOnly) return;
    setSubmitted(true);
    const d = next ?? draft.value;
    const checked = next ? validateActivity(d.form, snapshot) : { value, problems };
    if (!checked.value) {
      // Move to the first field to correct, so a keyboard user lands on it.
      const first = checked.problems[0]?.column;
      if (first) document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setServerProblems([]);
    try {
      if (editing) await put(`/api/activities/${editing.id}`, { ...checked.value, version: d.version });
      else await post('/api/activities', checked.value);
      draft.clear();
      onSaved();
    } catch (err) {
      const code = conflictCode(err);
      const current = code === 'stale_version' ? currentRowOf((err as ApiError).body) : null;
      if (current) setConflict(current as Activity);
      else {
        if (err instanceof ApiError && (err.status === 422 || code === 'duplicate_external_id'))
          setServerProblems(err.details as Problem[]);
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const text = (f: FormField, type = 'text', extra: Record<string, unknown> = {}) => (
    <Field label={t(`fields.${f}`)} error={problemOf(f)} key={f}>
      {(p) => (
        <input
          {...p}
          {...extra}
          name={f}
          type={type}
          readOnly={readOnly || !!extra.readOnly}
          value={form[f] ?? ''}
          onChange={(e) => set(f, e.target.value)}
          onBlur={() => blur(f)}
        />
      )}
    </Field>
  );
  // Dates in the interface language's order, not the browser's (DateInput).
  const date = (f: FormField) => (
    <Field label={t(`fields.${f}`)} error={problemOf(f)} key={f}>
      {(p) => (
        <DateInput {...p} name={f} value={form[f] ?? ''} onChange={(v) => set(f, v)} onBlur={() => blur(f)} />
      )}
    </Field>
  );
  const select = (f: FormField, list: string, required = true, locked = false) => (
    <Field label={t(`fields.${f}`)} error={problemOf(f)} key={f}>
      {(p) => (
        <select
          {...p}
          name={f}
          disabled={readOnly || locked}
          value={form[f] ?? ''}
          onChange={(e) => set(f, e.target.value)}
          onBlur={() => blur(f)}
        >
          <option value="">{required ? t('form.choose') : t('form.none')}</option>
          {options(list).map((i) => (
            <option key={i.code} value={i.code}>
              {localName(i, lang)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const support = new Set((form.rfo_support ?? '').split('|').filter(Boolean));

  return (
    <form onSubmit={save} className="panel" aria-labelledby="activity-form-title" noValidate>
      <h3 id="activity-form-title">
        {readOnly ? t('activities.viewTitle') : editing ? t('activity.editTitle') : t('activity.newTitle')}
      </h3>
      {readOnly ? (
        <p className="alert alert-info">
          {editing?.source === 'platform' ? t('platformStats.readOnly') : t('activities.readOnly')}
        </p>
      ) : null}
      {draft.restored ? (
        <p className="alert alert-info">
          {t('common.draftRestored')}{' '}
          <button type="button" className="btn-link" onClick={draft.discard}>
            {t('common.discardDraft')}
          </button>
        </p>
      ) : null}
      {submitted && problems.length ? (
        <div className="alert alert-error" role="alert">
          {t('form.fixErrors', { count: problems.length })}
        </div>
      ) : null}
      <ErrorBox error={error} />
      {isNetworkError(error) ? <p className="muted">{t('form.keptOffline')}</p> : null}
      <fieldset>
        <legend>{t('activity.organisation')}</legend>
        {!readOnly ? (
          <OrganizationPicker
            legend={t('activities.fromRegistry')}
            region={region}
            browse
            value={orgId}
            onChange={setOrgId}
            onPick={(o) => {
              setServerProblems((ps) => ps.filter((x) => !x.column?.startsWith('organization')));
              draft.set({
                ...draft.value,
                form: {
                  ...form,
                  organization: o.name,
                  organization_type: o.type,
                  organization_bin: o.bin ?? '',
                },
              });
            }}
          />
        ) : null}
        <div className="form-grid" data-testid="organization-fields">
          {text('organization', 'text', picked)}
          {select('organization_type', 'organization_type', true, orgId !== null)}
          {text('organization_bin', 'text', { inputMode: 'numeric', maxLength: 12, ...picked })}
        </div>
        {!readOnly ? (
          <>
            <p className="muted">
              {orgId === null ? t('activities.newOrgHint') : t('activities.pickedHint')}
            </p>
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="add-organization"
              onClick={() => {
                setOrgId(null);
                draft.set({
                  ...draft.value,
                  form: { ...form, organization: '', organization_type: '', organization_bin: '' },
                });
                window.setTimeout(() =>
                  document.querySelector<HTMLElement>('[name="organization"]')?.focus(),
                );
              }}
            >
              {t('activities.addOrganization')}
            </button>
          </>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('activity.event')}</legend>
        <div className="form-grid">
          {text('title')}
          {select('area', 'area')}
          {select('format', 'format')}
          {select('kind', 'kind')}
          {date('start_date')}
          {date('end_date')}
          {text('volunteers', 'text', { inputMode: 'numeric' })}
          {text('hours', 'text', { inputMode: 'decimal' })}
          {text('beneficiaries', 'text', { inputMode: 'numeric' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('activity.cohorts')}</legend>
        <p className="muted">{t('activity.cohortsHint')}</p>
        <div className="form-grid">
          {COHORT_COLUMNS.map((c) => text(c, 'text', { inputMode: 'numeric' }))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('fields.rfo_support')}</legend>
        <div className="checks">
          {options('rfo_support').map((i) => (
            <label key={i.code}>
              <input
                type="checkbox"
                disabled={readOnly}
                checked={support.has(i.code)}
                onChange={(e) => {
                  const next = new Set(support);
                  if (e.target.checked) next.add(i.code);
                  else next.delete(i.code);
                  set('rfo_support', [...next].join('|'));
                }}
              />{' '}
              {localName(i, lang)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        {select('excluded', 'exclusion_reason', false)}
        {text('external_id')}
      </div>
      <Field label={t('fields.notes')} error={problemOf('notes')}>
        {(p) => (
          <textarea
            {...p}
            name="notes"
            readOnly={readOnly}
            value={form.notes ?? ''}
            onChange={(e) => set('notes', e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        {!readOnly ? (
          <button type="submit" className="btn" disabled={busy}>
            {t('common.save')}
          </button>
        ) : null}
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {readOnly ? t('common.close') : t('common.cancel')}
        </button>
      </div>
      {conflict ? (
        <ConflictDialog
          mine={form}
          theirs={{ ...activityToForm(conflict), region, period }}
          fields={FORM_FIELDS}
          onCancel={() => setConflict(null)}
          onTakeTheirs={() => {
            draft.discard();
            draft.load({
              form: { ...blank(region, period), ...activityToForm(conflict), region, period },
              version: conflict.version,
            });
            setConflict(null);
          }}
          onMerge={(merged) => {
            const next = { form: merged, version: conflict.version };
            setConflict(null);
            draft.set(next);
            void save(undefined, next);
          }}
        />
      ) : null}
    </form>
  );
}
