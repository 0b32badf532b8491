// A 409 on save: someone changed the record since it was opened. Shows each field that differs,
// the user's value beside the saved one, and lets them pick per field; the merge is then saved
// against the current version.
import { useEffect, useRef, useState } from 'react';
import { TableWrap } from '../../components/TableWrap.tsx';
import { codeLabel, useT } from '../../lib/i18n.ts';

export function ConflictDialog({
  mine,
  theirs,
  fields,
  labels,
  onMerge,
  onTakeTheirs,
  onCancel,
}: {
  mine: Record<string, string>;
  theirs: Record<string, string>;
  fields: readonly string[];
  /** Field names to show; by default the catalogue's `fields.*`. */
  labels?: Record<string, string>;
  onMerge(merged: Record<string, string>): void;
  /** Drop my changes: the form shows the saved record, nothing is sent. */
  onTakeTheirs(): void;
  onCancel(): void;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const changed = fields.filter((f) => (mine[f] ?? '') !== (theirs[f] ?? ''));
  const [choice, setChoice] = useState<Record<string, 'mine' | 'theirs'>>(() =>
    Object.fromEntries(changed.map((f) => [f, 'mine'])),
  );
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby="conflict-title" onCancel={onCancel}>
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p>{t('conflict.text')}</p>
      <TableWrap>
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">{t('conflict.field')}</th>
              <th scope="col">{t('conflict.mine')}</th>
              <th scope="col">{t('conflict.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((f) => (
              <tr key={f}>
                <th scope="row">{labels?.[f] ?? codeLabel(t, 'fields', f)}</th>
                {(['mine', 'theirs'] as const).map((side) => (
                  <td key={side} className={choice[f] === side ? 'changed' : undefined}>
                    <label>
                      <input
                        type="radio"
                        name={`conflict-${f}`}
                        checked={choice[f] === side}
                        onChange={() => setChoice({ ...choice, [f]: side })}
                      />{' '}
                      {(side === 'mine' ? mine[f] : theirs[f]) || '–'}
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {!changed.length ? <p>{t('conflict.same')}</p> : null}
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            const merged = { ...theirs };
            for (const f of fields) if (choice[f] === 'mine') merged[f] = mine[f] ?? '';
            onMerge(merged);
          }}
        >
          {t('conflict.merge')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onTakeTheirs}>
          {t('conflict.takeTheirs')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * The current record of a 409 stale_version answer: PUT /api/activities/:id puts it in
 * details[0].current (activities.routes.ts); the stocks routes do the same.
 */
export function currentRowOf(body: unknown): Record<string, unknown> | null {
  const details = (body as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) return null;
  const current = (details[0] as { current?: unknown } | undefined)?.current;
  return current && typeof current === 'object' ? (current as Record<string, unknown>) : null;
}
