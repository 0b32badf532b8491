// The public register of unscrupulous grant implementers (issue 13 items 6 and 7): anyone reads the
// entries in force — organisation and BIN, decision, its date, document reference; the national
// office publishes an entry and removes one with a reason (both audited by the server). Texts typed
// by others are shown as typed (React escapes them).
import { useId, useState } from 'react';
import type { RegisterEntry } from '../../../modules/grants/grants.schemas.ts';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { isNationalRole, useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { useSubmit } from './parts.tsx';

export default function RegisterPage() {
  const { t } = useT();
  const { user } = useSession();
  const list = useApi<{ items: RegisterEntry[] }>('/api/register');
  const manages = isNationalRole(user?.role);
  return (
    <div className="platform-page">
      <PageTitle sub={t('register.lead')}>{t('register.title')}</PageTitle>
      <p>
        <a href="/api/register">{t('register.json')}</a>
      </p>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? <Entries items={list.data.items} manages={manages} onChanged={list.reload} /> : null}
      {manages ? <PublishForm onDone={list.reload} /> : null}
    </div>
  );
}

function Entries({
  items,
  manages,
  onChanged,
}: {
  items: RegisterEntry[];
  manages: boolean;
  onChanged(): void;
}) {
  const { t, lang } = useT();
  if (items.length === 0) return <p className="alert alert-info">{t('register.none')}</p>;
  return (
    <TableWrap>
      <table data-testid="register-table">
        <caption>{t('register.caption', { count: items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('register.organization')}</th>
            <th scope="col">{t('register.bin')}</th>
            <th scope="col">{t('register.decision')}</th>
            <th scope="col">{t('register.decisionDate')}</th>
            <th scope="col">{t('register.documentRef')}</th>
            {manages ? <th scope="col">{t('register.remove')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                {e.name}
                {e.illustrative ? <small className="muted"> ({t('grants.illustrative')})</small> : null}
              </th>
              <td>
                <code>{e.bin}</code>
              </td>
              <td>{e.decision}</td>
              <td>{formatDate(e.decisionDate, lang)}</td>
              <td>{e.documentRef}</td>
              {manages ? (
                <td>
                  <RemoveForm entry={e} onDone={onChanged} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function RemoveForm({ entry, onDone }: { entry: RegisterEntry; onDone(): void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const s = useSubmit();
  if (!open)
    return (
      <button type="button" className="btn btn-small btn-secondary" onClick={() => setOpen(true)}>
        {t('register.remove')}
      </button>
    );
  return (
    <form onSubmit={s.run(() => post(`/api/register/${entry.id}/remove`, { reason }), onDone)}>
      <Field label={t('register.removeReason')}>
        {(p) => <input {...p} required value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <ErrorBox error={s.error} />
      <div className="actions">
        <button type="submit" className="btn btn-small btn-danger" disabled={s.busy || !reason.trim()}>
          {t('register.removeConfirm')}
        </button>
        <button type="button" className="btn btn-small btn-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

const EMPTY = { bin: '', name: '', decision: '', decisionDate: '', documentRef: '' };

function PublishForm({ onDone }: { onDone(): void }) {
  const { t } = useT();
  const id = useId();
  const [f, setF] = useState(EMPTY);
  const [sent, setSent] = useState(false);
  const s = useSubmit();
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  return (
    <form
      className="panel"
      aria-labelledby={`${id}-title`}
      onSubmit={s.run(
        () => post('/api/register', f),
        () => {
          setF(EMPTY);
          setSent(true);
          onDone();
        },
      )}
    >
      <h2 id={`${id}-title`}>{t('register.publishTitle')}</h2>
      <div className="form-grid">
        <Field label={t('register.bin')}>
          {(p) => <input {...p} required inputMode="numeric" value={f.bin} onChange={set('bin')} />}
        </Field>
        <Field label={t('register.organization')}>
          {(p) => <input {...p} required value={f.name} onChange={set('name')} />}
        </Field>
        <Field label={t('register.decisionDate')}>
          {(p) => <input {...p} type="date" required value={f.decisionDate} onChange={set('decisionDate')} />}
        </Field>
        <Field label={t('register.documentRef')}>
          {(p) => <input {...p} required value={f.documentRef} onChange={set('documentRef')} />}
        </Field>
      </div>
      <Field label={t('register.decision')}>
        {(p) => <textarea {...p} required rows={3} value={f.decision} onChange={set('decision')} />}
      </Field>
      <ErrorBox error={s.error} />
      {sent ? (
        <p className="alert alert-success" role="status">
          {t('register.published')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="btn" disabled={s.busy}>
          {t('register.publish')}
        </button>
      </div>
    </form>
  );
}
