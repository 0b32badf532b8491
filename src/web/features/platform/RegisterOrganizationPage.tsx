// Registering an organisation on the platform (issue 11 items 1 and 7): the organisation (name,
// type, BIN, region) and its coordinator (name, e-mail, password) in one form, public. The answer
// signs the coordinator in; the page then reloads on the organisation's status page, so that the
// whole application starts from the new session.
import { type FormEvent, useState } from 'react';
import type { RegistrationResponse } from '../../../modules/platform-organizations/platform-organizations.schemas.ts';
import { ErrorBox, Field, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { useCodeLists, useTerritories } from '../../lib/reference.ts';
import { newPasswordProblem, PasswordFields } from '../account/PasswordFields.tsx';

/** Types that must give a BIN (the server says so too: bin_required). */
const BIN_TYPES = ['npo', 'company'];

export default function RegisterOrganizationPage() {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const [form, setForm] = useState({
    name: '',
    type: 'npo',
    bin: '',
    region: '',
    contactName: '',
    email: '',
  });
  const [password, setPassword] = useState({ next: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = password.repeat ? newPasswordProblem(t, password) : null;
  const types = (lists?.organization_type ?? []).filter((x) => x.active && x.code !== 'front_office');
  const regions = (territories ?? []).filter((u) => u.validTo === null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (newPasswordProblem(t, password)) return;
    setBusy(true);
    setError(null);
    try {
      await post<RegistrationResponse>('/api/platform/organizations', {
        ...form,
        bin: form.bin.trim() || null,
        password: password.next,
        lang,
      });
      window.location.assign('/platform/organizations/mine');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageTitle sub={t('platformOrgs.registerLead')}>{t('platformOrgs.registerTitle')}</PageTitle>
      <form className="panel" onSubmit={submit} aria-label={t('platformOrgs.registerTitle')}>
        <h2>{t('platformOrgs.organization')}</h2>
        <Field label={t('platformOrgs.name')}>
          {(p) => (
            <input {...p} name="name" required maxLength={300} value={form.name} onChange={set('name')} />
          )}
        </Field>
        <Field label={t('platformOrgs.type')}>
          {(p) => (
            <select {...p} name="type" value={form.type} onChange={set('type')}>
              {types.map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('platformOrgs.bin')} hint={t('platformOrgs.binHint')}>
          {(p) => (
            <input
              {...p}
              name="bin"
              inputMode="numeric"
              autoComplete="off"
              maxLength={20}
              required={BIN_TYPES.includes(form.type)}
              value={form.bin}
              onChange={set('bin')}
            />
          )}
        </Field>
        <Field label={t('platformOrgs.region')}>
          {(p) => (
            <select {...p} name="region" required value={form.region} onChange={set('region')}>
              <option value="">{t('platformOrgs.chooseRegion')}</option>
              {regions.map((u) => (
                <option key={u.code} value={u.code}>
                  {localName(u, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <h2>{t('platformOrgs.coordinator')}</h2>
        <Field label={t('platformOrgs.contactName')}>
          {(p) => (
            <input
              {...p}
              name="contactName"
              autoComplete="name"
              required
              maxLength={200}
              value={form.contactName}
              onChange={set('contactName')}
            />
          )}
        </Field>
        <Field label={t('platformOrgs.email')}>
          {(p) => (
            <input
              {...p}
              name="email"
              type="email"
              autoComplete="email"
              required
              maxLength={320}
              value={form.email}
              onChange={set('email')}
            />
          )}
        </Field>
        <PasswordFields value={password} onChange={setPassword} error={mismatch} />
        <ErrorBox error={error} />
        <div className="actions">
          <button type="submit" className="btn" disabled={busy}>
            {t('platformOrgs.register')}
          </button>
        </div>
      </form>
    </div>
  );
}
