// User management for the national admin: the accounts with role and scope; inviting one by e-mail
// (the user sets the password from a one-time link) or creating one with a password; changing
// its role, region, organisation or name, or setting a new password; disabling (which signs the
// user out at once, server-side). RFO staff need a region; an organisation coordinator needs an
// organisation of the registry (and takes its region); national roles have neither.
import { type FormEvent, useState } from 'react';
import { isLang, LANGS, type Lang } from '../../../domain/lang.ts';
import { ROLES } from '../../../domain/policy.ts';
import type { UserRow } from '../../../modules/users/users.schemas.ts';
import { ruleText } from '../../components/ProblemTable.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { TableWrap } from '../../components/TableWrap.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { ApiError, patch, post } from '../../lib/api.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { OrganizationPicker, useOrganization } from './OrganizationPicker.tsx';

interface Form {
  /** A new account: invited by e-mail (the default) or given a password here. */
  mode: 'invite' | 'password';
  /** The language of the invitation. */
  lang: Lang;
  email: string;
  displayName: string;
  password: string;
  role: string;
  region: string;
  organizationId: number | null;
}
const EMPTY: Omit<Form, 'lang'> = {
  mode: 'invite',
  email: '',
  displayName: '',
  password: '',
  role: 'rfo',
  region: '',
  organizationId: null,
};

function OrganizationName({ id }: { id: number }) {
  const org = useOrganization(id);
  return <>{org?.name ?? `#${id}`}</>;
}

function UserForm({
  editing,
  onDone,
  onCancel,
}: {
  editing: UserRow | null;
  onDone(note: string): void;
  onCancel(): void;
}) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const [form, setForm] = useState<Form>(
    editing
      ? {
          mode: 'password',
          lang: isLang(editing.lang) ? editing.lang : lang,
          email: editing.email,
          displayName: editing.displayName ?? '',
          password: '',
          role: editing.role,
          region: editing.region ?? '',
          organizationId: editing.organizationId,
        }
      : { ...EMPTY, lang },
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Volunteers sign up on the platform themselves: not a role the admin gives.
  const roles = (lists?.role?.length ? lists.role.map((r) => r.code) : ROLES).filter(
    (r) => r !== 'volunteer',
  );
  const roleName = (code: string) =>
    localName(
      lists?.role?.find((r) => r.code === code),
      lang,
    ) || code;
  const problems = error instanceof ApiError ? error.details : [];
  const problemOf = (column: string) => {
    const p = problems.find((x) => x.column === column);
    if (p?.rule === 'password_rules') {
      const { min, max } = p as unknown as { min: number; max: number };
      return t('errors.codes.weak_password', { min, max });
    }
    return p ? ruleText(t, p) : null;
  };
  const needsRegion = form.role === 'rfo' || form.role === 'viewer';
  const needsOrg = form.role === 'org_coordinator';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const scope = {
      region: needsRegion && form.region ? form.region : null,
      organizationId: needsOrg ? form.organizationId : null,
    };
    try {
      if (!editing && form.mode === 'invite') {
        await post('/api/users/invite', {
          email: form.email.trim(),
          role: form.role,
          ...scope,
          displayName: form.displayName.trim() || null,
          lang: form.lang,
        });
        onDone(t('account.invited', { email: form.email.trim() }));
        return;
      }
      if (editing)
        await patch(`/api/users/${editing.id}`, {
          role: form.role,
          ...scope,
          displayName: form.displayName.trim() || null,
          lang: form.lang,
          ...(form.password ? { password: form.password } : {}),
        });
      else
        await post('/api/users', {
          email: form.email.trim(),
          password: form.password,
          role: form.role,
          ...scope,
          displayName: form.displayName.trim() || null,
          lang: form.lang,
        });
      onDone(t('common.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="user-form" noValidate>
      <h2 id="user-form">{editing ? t('users.editTitle', { email: editing.email }) : t('users.create')}</h2>
      <ErrorBox error={error} />
      {!editing ? (
        <fieldset className="figure-switch">
          <legend>{t('account.inviteMode')}</legend>
          {(['invite', 'password'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="mode"
                value={mode}
                checked={form.mode === mode}
                onChange={() => setForm({ ...form, mode })}
              />{' '}
              {mode === 'invite' ? t('account.modeInvite') : t('account.modePassword')}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="form-grid">
        {!editing ? (
          <Field label={t('auth.email')} error={problemOf('email')}>
            {(p) => (
              <input
                {...p}
                name="email"
                type="email"
                autoComplete="off"
                required
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.target.value })}
              />
            )}
          </Field>
        ) : null}
        <Field label={t('users.name')} error={problemOf('displayName')}>
          {(p) => (
            <input
              {...p}
              name="displayName"
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.target.value })}
            />
          )}
        </Field>
        {editing || form.mode === 'password' ? (
          <Field
            label={editing ? t('users.newPassword') : t('auth.password')}
            hint={editing ? t('users.newPasswordHint') : t('users.passwordHint')}
            error={problemOf('password')}
          >
            {(p) => (
              <input
                {...p}
                name="password"
                type="password"
                autoComplete="new-password"
                required={!editing}
                minLength={10}
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            )}
          </Field>
        ) : null}
        <Field
          label={editing || form.mode === 'password' ? t('users.mailLang') : t('account.inviteLang')}
          hint={editing || form.mode === 'password' ? undefined : t('account.inviteHint')}
        >
          {(p) => (
            <select
              {...p}
              name="lang"
              value={form.lang}
              onChange={(e) => isLang(e.target.value) && setForm({ ...form, lang: e.target.value })}
            >
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('users.role')} error={problemOf('role')}>
          {(p) => (
            <select
              {...p}
              name="role"
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value })}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleName(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {needsRegion ? (
          <Field
            label={t('dashboard.region')}
            hint={form.role === 'viewer' ? t('users.viewerRegionHint') : undefined}
            error={problemOf('region')}
          >
            {(p) => (
              <select
                {...p}
                name="region"
                value={form.region}
                onChange={(e) => setForm({ ...form, region: e.target.value })}
              >
                <option value="">{form.role === 'rfo' ? t('form.choose') : t('form.none')}</option>
                {(territories ?? [])
                  .filter((u) => u.validTo === null)
                  .map((u) => (
                    <option key={u.code} value={u.code}>
                      {localName(u, lang)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
      {needsOrg ? (
        <OrganizationPicker
          value={form.organizationId}
          onChange={(organizationId) => setForm({ ...form, organizationId })}
          error={problemOf('organizationId')}
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="btn" disabled={busy}>
          {editing
            ? t('common.save')
            : form.mode === 'invite'
              ? t('account.inviteButton')
              : t('users.createButton')}
        </button>
        {editing ? (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Users() {
  const { t, lang } = useT();
  const { user: me } = useSession();
  const users = useApi<UserRow[]>('/api/users');
  const territories = useTerritories();
  const lists = useCodeLists();
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  /** A new form after each account made (the next one starts empty). */
  const [made, setMade] = useState(0);
  const list = users.data ?? [];
  const roleName = (code: string) =>
    localName(
      lists?.role?.find((r) => r.code === code),
      lang,
    ) || code;

  const reinvite = async (u: UserRow) => {
    setError(null);
    setNote(null);
    try {
      await post(`/api/users/${u.id}/invite`, { lang });
      setNote(t('account.resent', { email: u.email }));
      users.reload();
    } catch (err) {
      setError(err);
    }
  };

  const toggle = async (u: UserRow) => {
    setError(null);
    try {
      await patch(`/api/users/${u.id}`, { disabled: !u.disabled });
      users.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div>
      <PageTitle sub={t('users.lead')}>{t('users.title')}</PageTitle>
      <p>
        <Link to="/national/outbox">{t('outbox.link')}</Link>
      </p>
      <ErrorBox error={users.error ?? error} />
      {note ? (
        <p className="alert alert-success" role="status">
          {note}
        </p>
      ) : null}
      {users.loading && !users.data ? <Loading /> : null}
      <TableWrap>
        <table data-testid="users-table">
          <caption>{t('users.caption', { count: list.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.scope')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.email}</th>
                <td>{u.displayName ?? '–'}</td>
                <td>{roleName(u.role)}</td>
                <td>
                  {u.organizationId !== null ? <OrganizationName id={u.organizationId} /> : null}
                  {u.organizationId !== null && u.region ? ' · ' : null}
                  {u.region ? territoryName(territories, u.region, lang) : null}
                  {u.organizationId === null && !u.region ? '–' : null}
                </td>
                <td>
                  {u.disabled ? t('users.disabled') : u.pending ? t('account.pending') : t('users.active')}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small btn-secondary"
                    onClick={() => {
                      setNote(null);
                      setEditing(u);
                      window.setTimeout(() => document.getElementById('user-form')?.scrollIntoView(), 0);
                    }}
                    aria-label={`${t('common.edit')}: ${u.email}`}
                  >
                    {t('common.edit')}
                  </button>{' '}
                  {u.pending && !u.disabled ? (
                    <>
                      <button
                        type="button"
                        className="btn btn-small btn-secondary"
                        onClick={() => void reinvite(u)}
                        aria-label={`${t('account.resend')}: ${u.email}`}
                      >
                        {t('account.resend')}
                      </button>{' '}
                    </>
                  ) : null}
                  {u.id !== me?.id ? (
                    <button
                      type="button"
                      className="btn btn-small btn-secondary"
                      onClick={() => void toggle(u)}
                      aria-label={`${u.disabled ? t('users.enable') : t('users.disable')}: ${u.email}`}
                    >
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <UserForm
        key={editing?.id ?? `new-${made}`}
        editing={editing}
        onCancel={() => setEditing(null)}
        onDone={(done) => {
          setNote(done);
          setMade((n) => n + 1);
          setEditing(null);
          users.reload();
        }}
      />
    </div>
  );
}

export default function UsersPage() {
  return <RequireRole roles={['national_admin']}>{() => <Users />}</RequireRole>;
}
