// The stocks of a region and period (DOMAIN.md §3): unique volunteers (total and by gender, age
// band and employment) and the counts of volunteer NPOs and initiative groups. A blank field means
// not reported (null), never zero. Drafts stay in the browser until saved; each save names the
// updatedAt it was typed against, and a 409 opens the same merge dialog as the activity form.
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { Problem } from '../../../domain/activity-rules.ts';
import { checkVolunteerSums } from '../../../domain/volunteer-rules.ts';
import { ruleText } from '../../components/ProblemTable.tsx';
import { ErrorBox, Field, Loading } from '../../components/ui.tsx';
import { ApiError, get, isNetworkError, put } from '../../lib/api.ts';
import { useDraft } from '../../lib/drafts.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { buildSnapshot, type CodeLists, type Territory } from '../../lib/reference.ts';
import type { OrgCounts, VolunteerStocks } from '../../lib/types.ts';
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
  const draft = useDraft<StockDraft>(
    `volunteers.${region}.${period}`,
    () => ({ values: {}, updatedAt: null }),
    isDraft,
  );
  const values = draft.value.values;
  const url = `/api/volunteers/${region}/${period}`;
  const toDraft = (r: VolunteerStocks): StockDraft => ({
    values: Object.fromEntries(
      r.rows.map((x) => [`${x.dimension}|${x.category}`, x.volunteers === null ? '' : String(x.volunteers)]),
    ),
    updatedAt: r.updatedAt,
  });
  const server = useServerValues<VolunteerStocks>(url, draft.restored, toDraft, draft.load);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState<StockDraft | null>(null);
  const snapshot = useMemo(() => buildSnapshot(territories, lists), [territories, lists]);

  const fields: { key: string; label: string }[] = [
    { key: 'total|', label: t('volunteers.total') },
    ...DIMENSIONS.flatMap((d) =>
      (lists[d] ?? []).map((c) => ({
        key: `${d}|${c.code}`,
        label: `${t(`volunteers.dim.${d}`)}: ${localName(c, lang)}`,
      })),
    ),
  ];
  const rowsOf = (v: Values) =>
    Object.entries(v)
      .filter(([, x]) => clean(x) !== '')
      .map(([k, x]) => {
        const [dimension, category] = k.split('|') as [string, string];
        return { dimension, category, volunteers: toNum(x) };
      });
  const invalid = Object.values(values).some(bad);
  const sumProblems = invalid
    ? []
    : checkVolunteerSums(
        rowsOf(values).map((r) => ({ value: { ...r, region, period } })),
        snapshot,
      );

  const save = async (e?: FormEvent, next?: StockDraft) => {
    e?.preventDefault();
    const d = next ?? draft.value;
    if (Object.values(d.values).some(bad) || (!next && sumProblems.length)) return;
    setError(null);
    setProblems([]);
    setSaved(false);
    try {
      const r = await put<VolunteerStocks>(url, { updatedAt: d.updatedAt, rows: rowsOf(d.values) });
      draft.clear();
      draft.load(toDraft(r));
      setSaved(true);
    } catch (err) {
      const current = conflictCode(err) === 'stale_version' ? currentRowOf((err as ApiError).body) : null;
      if (current) setConflict(toDraft(current as unknown as VolunteerStocks));
      else {
        if (err instanceof ApiError && err.status === 422) setProblems(err.details);
        setError(err);
      }
    }
  };

  const input = (f: { key: string; label: string }) => (
    <Field key={f.key} label={f.label} error={bad(values[f.key]) ? t('rules.integer') : null}>
      {(p) => (
        <input
          {...p}
          name={f.key}
          inputMode="numeric"
          autoComplete="off"
          value={values[f.key] ?? ''}
          readOnly={readOnly}
          onChange={(e) => {
            setSaved(false);
            draft.set({ ...draft.value, values: { ...values, [f.key]: e.target.value } });
          }}
        />
      )}
    </Field>
  );

  return (
    <form className="panel" onSubmit={save} aria-labelledby="vol-title" noValidate>
      <h3 id="vol-title">{t('volunteers.title')}</h3>
      <p className="muted">{t('volunteers.lead')}</p>
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
      <SaveProblems problems={problems} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('common.saved')}
        </p>
      ) : null}
      {!server.ready ? <Loading /> : null}
      <div className="form-grid">{input(fields[0] as { key: string; label: string })}</div>
      {DIMENSIONS.map((d) => (
        <fieldset key={d}>
          <legend>{t(`volunteers.dim.${d}`)}</legend>
          <div className="form-grid">
            {(lists[d] ?? []).map((c) => input({ key: `${d}|${c.code}`, label: localName(c, lang) }))}
          </div>
        </fieldset>
      ))}
      <SaveProblems problems={sumProblems} />
      {!readOnly ? (
        <button type="submit" className="btn">
          {t('common.save')}
        </button>
      ) : null}
      {conflict ? (
        <ConflictDialog
          mine={values}
          theirs={conflict.values}
          fields={fields.map((f) => f.key)}
          labels={Object.fromEntries(fields.map((f) => [f.key, f.label]))}
          onCancel={() => setConflict(null)}
          onTakeTheirs={() => {
            draft.discard();
            draft.load(conflict);
            setConflict(null);
          }}
          onMerge={(merged) => {
            const next = { values: merged, updatedAt: conflict.updatedAt };
            setConflict(null);
            draft.set(next);
            void save(undefined, next);
          }}
        />
      ) : null}
    </form>
  );
}

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
  const draft = useDraft<StockDraft>(
    `orgcounts.${region}.${period}`,
    () => ({ values: { npo: '', initiativeGroups: '' }, updatedAt: null }),
    isDraft,
  );
  const values = draft.value.values;
  const url = `/api/org-counts/${region}/${period}`;
  const toDraft = (r: OrgCounts): StockDraft => ({
    values: {
      npo: r.npo === null ? '' : String(r.npo),
      initiativeGroups: r.initiativeGroups === null ? '' : String(r.initiativeGroups),
    },
    updatedAt: r.updatedAt,
  });
  const server = useServerValues<OrgCounts>(url, draft.restored, toDraft, draft.load);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState<StockDraft | null>(null);
  const keys = ['npo', 'initiativeGroups'] as const;

  const save = async (e?: FormEvent, next?: StockDraft) => {
    e?.preventDefault();
    const d = next ?? draft.value;
    if (keys.some((k) => bad(d.values[k]))) return;
    setError(null);
    setProblems([]);
    setSaved(false);
    try {
      const r = await put<OrgCounts>(url, {
        npo: toNum(d.values.npo),
        initiativeGroups: toNum(d.values.initiativeGroups),
        updatedAt: d.updatedAt,
      });
      draft.clear();
      draft.load(toDraft(r));
      setSaved(true);
    } catch (err) {
      const current = conflictCode(err) === 'stale_version' ? currentRowOf((err as ApiError).body) : null;
      if (current) setConflict(toDraft(current as unknown as OrgCounts));
      else {
        if (err instanceof ApiError && err.status === 422) setProblems(err.details);
        setError(err);
      }
    }
  };

  return (
    <form className="panel" onSubmit={save} aria-labelledby="org-title" noValidate>
      <h3 id="org-title">{t('orgCounts.title')}</h3>
      <p className="muted">{t('orgCounts.lead')}</p>
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
      <SaveProblems problems={problems} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('common.saved')}
        </p>
      ) : null}
      {!server.ready ? <Loading /> : null}
      <div className="form-grid">
        {keys.map((k) => (
          <Field key={k} label={t(`orgCounts.${k}`)} error={bad(values[k]) ? t('rules.integer') : null}>
            {(p) => (
              <input
                {...p}
                name={k}
                inputMode="numeric"
                autoComplete="off"
                value={values[k] ?? ''}
                readOnly={readOnly}
                onChange={(e) => {
                  setSaved(false);
                  draft.set({ ...draft.value, values: { ...values, [k]: e.target.value } });
                }}
              />
            )}
          </Field>
        ))}
      </div>
      {!readOnly ? (
        <button type="submit" className="btn">
          {t('common.save')}
        </button>
      ) : null}
      {conflict ? (
        <ConflictDialog
          mine={values}
          theirs={conflict.values}
          fields={[...keys]}
          labels={{ npo: t('orgCounts.npo'), initiativeGroups: t('orgCounts.initiativeGroups') }}
          onCancel={() => setConflict(null)}
          onTakeTheirs={() => {
            draft.discard();
            draft.load(conflict);
            setConflict(null);
          }}
          onMerge={(merged) => {
            const next = { values: merged, updatedAt: conflict.updatedAt };
            setConflict(null);
            draft.set(next);
            void save(undefined, next);
          }}
        />
      ) : null}
    </form>
  );
}
