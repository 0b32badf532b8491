// The stocks of a region and period (DOMAIN.md §3): unique volunteers (total and by gender, age
// band and employment) and the counts of volunteer NPOs and initiative groups. A blank field means
// not reported (null), never zero. Drafts stay in the browser until saved; each save names the
// updatedAt it was typed against, and a 409 opens the same merge dialog as the activity form.
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { Problem } from '../../../domain/activity-rules.ts';
import { checkVolunteerSums } from '../../../domain/volunteer-rules.ts';
import type { CodeLists, Territory } from '../../../modules/reference/reference.schemas.ts';
import type { OrgCounts, VolunteerStocks } from '../../../modules/stocks/stocks.schemas.ts';
import { ruleText } from '../../components/ProblemTable.tsx';
import { ErrorBox, Field, Loading } from '../../components/ui.tsx';
import { ApiError, get, isNetworkError, put } from '../../lib/api.ts';
import { useDraft } from '../../lib/drafts.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { buildSnapshot } from '../../lib/reference.ts';
import { conflictCode } from './api.ts';
import { ConflictDialog, currentRowOf } from './ConflictDialog.tsx';

const DIMENSIONS = ['gender', 'age_band', 'employment'] as const;
const clean = (s: string | undefined) => (s ?? '').replace(/[\s\u00a0\u202f]/g, '');
const toNum = (s: string | undefined): number | null => (clean(s) === '' ? null : Number(clean(s)));
const bad = (s: string | undefined) => clean(s) !== '' && !/^\d+$/.test(clean(s));

type Values = Record<string, string>;
interface StockDraft {
  values: Values;
  /** The save time the values were typed against (null: nothing was saved before). */
  updatedAt: string | null;
}
const isDraft = (v: unknown) =>
  typeof (v as StockDraft).values === 'object' && (v as StockDraft).values !== null;

/** Loads the server's figures unless a draft was restored; returns whether the form is ready. */
function useServerValues<T>(
  url: string,
  restored: boolean,
  toDraft: (r: T) => StockDraft,
  load: (d: StockDraft) => void,
): { ready: boolean; error: unknown; server: StockDraft | null; refresh(): Promise<StockDraft> } {
  const [server, setServer] = useState<StockDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = async () => {
    const d = toDraft(await get<T>(url));
    setServer(d);
    return d;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per region and period
  useEffect(() => {
    refresh()
      .then((d) => {
        if (!restored) load(d);
      })
      .catch(setError);
  }, [url]);
  return { ready: server !== null || error !== null, error, server, refresh };
}

function SaveProblems({ problems }: { problems: Problem[] }) {
  const { t } = useT();
  if (!problems.length) return null;
  return (
    <ul className="alert alert-error" role="alert">
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their position
        <li key={i}>{ruleText(t, p)}</li>
      ))}
    </ul>
  );
}

/** A field of a stock form: its name in the values and its label. */
interface StockField {
  key: string;
  label: string;
}

/**
 * What the two stock forms share: the draft, the server's figures, saving with the updatedAt the
 * values were typed against, the 422 problems and the merge dialog of a 409.
 */
function useStockForm<T>(o: {
  draftKey: string;
  blank: Values;
  url: string;
  toDraft: (r: T) => StockDraft;
  body: (d: StockDraft) => unknown;
  /** Whether problems found in the browser hold back a save (a merge is sent regardless). */
  blocked?: (values: Values) => boolean;
}) {
  const draft = useDraft<StockDraft>(o.draftKey, () => ({ values: o.blank, updatedAt: null }), isDraft);
  const server = useServerValues<T>(o.url, draft.restored, o.toDraft, draft.load);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState<StockDraft | null>(null);

  const save = async (e?: FormEvent, next?: StockDraft) => {
    e?.preventDefault();
    const d = next ?? draft.value;
    if (Object.values(d.values).some(bad) || (!next && o.blocked?.(d.values))) return;
    setError(null);
    setProblems([]);
    setSaved(false);
    try {
      const r = await put<T>(o.url, o.body(d));
      draft.clear();
      draft.load(o.toDraft(r));
      setSaved(true);
    } catch (err) {
      const current = conflictCode(err) === 'stale_version' ? currentRowOf((err as ApiError).body) : null;
      if (current) setConflict(o.toDraft(current as unknown as T));
      else {
        if (err instanceof ApiError && err.status === 422) setProblems(err.details);
        setError(err);
      }
    }
  };
  const setValue = (key: string, v: string) => {
    setSaved(false);
    draft.set({ ...draft.value, values: { ...draft.value.values, [key]: v } });
  };
  return {
    draft,
    values: draft.value.values,
    server,
    error,
    problems,
    saved,
    conflict,
    setConflict,
    save,
    setValue,
  };
}
type StockForm = ReturnType<typeof useStockForm>;

/** A count of a stock form: whole numbers, blank for not reported. */
function CountInput({ form, field, readOnly }: { form: StockForm; field: StockField; readOnly: boolean }) {
  const { t } = useT();
  const value = form.values[field.key];
  return (
    <Field label={field.label} error={bad(value) ? t('rules.integer') : null}>
      {(p) => (
        <input
          {...p}
          name={field.key}
          inputMode="numeric"
          autoComplete="off"
          value={value ?? ''}
          readOnly={readOnly}
          onChange={(e) => form.setValue(field.key, e.target.value)}
        />
      )}
    </Field>
  );
}

/** The frame of a stock form: title, draft notice, errors, the fields, save, the merge dialog. */
function StockFormFrame({
  form,
  id,
  title,
  lead,
  fields,
  readOnly,
  children,
}: {
  form: StockForm;
  id: string;
  title: string;
  lead: string;
  fields: StockField[];
  readOnly: boolean;
  children: ReactNode;
}) {
  const { t } = useT();
  const { draft, server, error, conflict } = form;
  return (
    <form className="panel" onSubmit={form.save} aria-labelledby={id} noValidate>
      <h3 id={id}>{title}</h3>
      <p className="muted">{lead}</p>
      {draft.restored ? (
        <p className="alert alert-info">
          {t('common.draftRestored')}{' '}
          <button
            type="button"
            className="btn-link"
            onClick={() => {
              draft.discard();
              if (server.server) draft.load(server.server);
            }}
          >
            {t('common.discardDraft')}
          </button>
        </p>
      ) : null}
      <ErrorBox error={error ?? server.error} />
      {isNetworkError(error) ? <p className="muted">{t('form.keptOffline')}</p> : null}
      <SaveProblems problems={form.problems} />
      {form.saved ? (
        <p className="alert alert-success" role="status">
          {t('common.saved')}
        </p>
      ) : null}
      {!server.ready ? <Loading /> : null}
      {children}
      {!readOnly ? (
        <button type="submit" className="btn">
          {t('common.save')}
        </button>
      ) : null}
      {conflict ? (
        <ConflictDialog
          mine={form.values}
          theirs={conflict.values}
          fields={fields.map((f) => f.key)}
          labels={Object.fromEntries(fields.map((f) => [f.key, f.label]))}
          onCancel={() => form.setConflict(null)}
          onTakeTheirs={() => {
            draft.discard();
            draft.load(conflict);
            form.setConflict(null);
          }}
          onMerge={(merged) => {
            const next = { values: merged, updatedAt: conflict.updatedAt };
            form.setConflict(null);
            draft.set(next);
            void form.save(undefined, next);
          }}
        />
      ) : null}
    </form>
  );
}

const rowsOf = (v: Values) =>
  Object.entries(v)
    .filter(([, x]) => clean(x) !== '')
    .map(([k, x]) => {
      const [dimension, category] = k.split('|') as [string, string];
      return { dimension, category, volunteers: toNum(x) };
    });

const volunteersDraft = (r: VolunteerStocks): StockDraft => ({
  values: Object.fromEntries(
    r.rows.map((x) => [`${x.dimension}|${x.category}`, x.volunteers === null ? '' : String(x.volunteers)]),
  ),
  updatedAt: r.updatedAt,
});

export function VolunteersForm({
  region,
  period,
  lists,
  territories,
  readOnly,
}: {
  region: string;
  period: string;
  lists: CodeLists;
  territories: Territory[];
  readOnly: boolean;
}) {
  const { t, lang } = useT();
  const snapshot = useMemo(() => buildSnapshot(territories, lists), [territories, lists]);
  const sums = (values: Values) =>
    Object.values(values).some(bad)
      ? []
      : checkVolunteerSums(
          rowsOf(values).map((r) => ({ value: { ...r, region, period } })),
          snapshot,
        );
  const form = useStockForm<VolunteerStocks>({
    draftKey: `volunteers.${region}.${period}`,
    blank: {},
    url: `/api/volunteers/${region}/${period}`,
    toDraft: volunteersDraft,
    body: (d) => ({ updatedAt: d.updatedAt, rows: rowsOf(d.values) }),
    blocked: (values) => sums(values).length > 0,
  });
  const sumProblems = sums(form.values);

  const total: StockField = { key: 'total|', label: t('volunteers.total') };
  const byDimension = DIMENSIONS.map((d) => ({
    d,
    fields: (lists[d] ?? []).map((c) => ({ key: `${d}|${c.code}`, label: localName(c, lang) })),
  }));
  const fields: StockField[] = [
    total,
    ...byDimension.flatMap(({ d, fields }) =>
      fields.map((f) => ({ key: f.key, label: `${t(`volunteers.dim.${d}`)}: ${f.label}` })),
    ),
  ];

  return (
    <StockFormFrame
      form={form}
      id="vol-title"
      title={t('volunteers.title')}
      lead={t('volunteers.lead')}
      fields={fields}
      readOnly={readOnly}
    >
      <div className="form-grid">
        <CountInput form={form} field={total} readOnly={readOnly} />
      </div>
      {byDimension.map(({ d, fields }) => (
        <fieldset key={d}>
          <legend>{t(`volunteers.dim.${d}`)}</legend>
          <div className="form-grid">
            {fields.map((f) => (
              <CountInput key={f.key} form={form} field={f} readOnly={readOnly} />
            ))}
          </div>
        </fieldset>
      ))}
      <SaveProblems problems={sumProblems} />
    </StockFormFrame>
  );
}

const orgCountsDraft = (r: OrgCounts): StockDraft => ({
  values: {
    npo: r.npo === null ? '' : String(r.npo),
    initiativeGroups: r.initiativeGroups === null ? '' : String(r.initiativeGroups),
  },
  updatedAt: r.updatedAt,
});

export function OrgCountsForm({
  region,
  period,
  readOnly,
}: {
  region: string;
  period: string;
  readOnly: boolean;
}) {
  const { t } = useT();
  const form = useStockForm<OrgCounts>({
    draftKey: `orgcounts.${region}.${period}`,
    blank: { npo: '', initiativeGroups: '' },
    url: `/api/org-counts/${region}/${period}`,
    toDraft: orgCountsDraft,
    body: (d) => ({
      npo: toNum(d.values.npo),
      initiativeGroups: toNum(d.values.initiativeGroups),
      updatedAt: d.updatedAt,
    }),
  });
  const fields: StockField[] = (['npo', 'initiativeGroups'] as const).map((k) => ({
    key: k,
    label: t(`orgCounts.${k}`),
  }));
  return (
    <StockFormFrame
      form={form}
      id="org-title"
      title={t('orgCounts.title')}
      lead={t('orgCounts.lead')}
      fields={fields}
      readOnly={readOnly}
    >
      <div className="form-grid">
        {fields.map((f) => (
          <CountInput key={f.key} form={form} field={f} readOnly={readOnly} />
        ))}
      </div>
    </StockFormFrame>
  );
}
