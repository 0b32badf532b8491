// The conversation of a region's period (issue 10 item 4): comments of the region and the national
// office, and the reasons of returns and reopenings, oldest first, with authors and times; a new
// comment, optionally about one activity record. Shown on the review page and on the RFO's month
// page. Comments are text: React escapes any markup in them, and white space is kept as written.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Comment } from '../../../modules/submissions/submissions.schemas.ts';
import { ErrorBox, Field, Loading } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useApi } from '../../lib/useApi.ts';
import { useActivities } from '../rfo/api.ts';

/** The API's bound on a comment (COMMENT_MAX of submissions.schemas.ts; the web imports types only). */
const COMMENT_MAX = 4000;

export function Thread({
  region,
  period,
  refresh,
}: {
  region: string;
  period: string;
  /** Changes when the submission did (a return or reopening adds its reason to the thread). */
  refresh?: unknown;
}) {
  const { t, lang } = useT();
  const url = `/api/submissions/${region}/${period}/comments`;
  const thread = useApi<Comment[]>(url);
  const rows = useActivities(region, period);
  const [text, setText] = useState('');
  const [row, setRow] = useState('');
  const [textError, setTextError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const reload = thread.reload;
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh is the trigger
  useEffect(() => {
    if (first.current) first.current = false;
    else reload();
  }, [refresh, reload]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (!text.trim()) {
      setTextError(t('thread.required'));
      document.querySelector<HTMLElement>('textarea[name=thread-text]')?.focus();
      return;
    }
    setTextError(null);
    setBusy(true);
    setError(null);
    try {
      await post(url, { text: text.trim(), activityId: row ? Number(row) : null });
      setText('');
      setRow('');
      setDone(true);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const list = thread.data ?? [];
  const records = rows.data ?? [];
  return (
    <section className="panel thread" aria-labelledby="thread-title" data-testid="thread">
      <h2 id="thread-title">{t('thread.title')}</h2>
      <p className="muted">{t('thread.lead')}</p>
      <ErrorBox error={thread.error} />
      {thread.loading && !thread.data ? <Loading /> : null}
      {thread.data && list.length === 0 ? <p>{t('thread.empty')}</p> : null}
      {list.length ? (
        <ol className="thread-list">
          {list.map((c) => (
            <li key={c.id} className={`thread-item thread-${c.kind}`} data-testid="thread-item">
              <p className="thread-meta">
                <strong>{c.authorName ?? t('thread.nationalOffice')}</strong>
                {' · '}
                <span>{t(`thread.kind.${c.kind}`)}</span>
                {' · '}
                <time dateTime={c.at}>{formatDateTime(c.at, lang)}</time>
              </p>
              {c.activityId !== null ? (
                <p className="thread-row">
                  {t('thread.aboutRow', { title: c.activityTitle ?? `#${c.activityId}` })}
                </p>
              ) : null}
              <p className="thread-body">{c.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {done ? (
        <p className="alert alert-success" role="status">
          {t('thread.sent')}
        </p>
      ) : null}
      <ErrorBox error={error} />
      <form onSubmit={(e) => void send(e)} className="thread-form">
        <Field label={t('thread.new')} error={textError} hint={t('thread.hint')}>
          {(p) => (
            <textarea
              {...p}
              name="thread-text"
              maxLength={COMMENT_MAX}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        {records.length ? (
          <Field label={t('thread.row')}>
            {(p) => (
              <select {...p} name="thread-row" value={row} onChange={(e) => setRow(e.target.value)}>
                <option value="">{t('thread.noRow')}</option>
                {records.map((a) => (
                  <option key={a.id} value={a.id}>
                    {`${a.title} (${a.organization})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn" disabled={busy}>
            {t('thread.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
