// A volunteer signs up on the platform (issue 11 items 2 and 7): e-mail, password twice, name, birth
// date, gender, region, occupation, optional IIN, skills, languages, consent; a parent's or
// guardian's name and e-mail when the birth date says under 18. The page hints, the server decides:
// its refusal is shown next to the field it is about. The answer signs the volunteer in; the page
// then reloads on the profile, so the whole application starts from the new session.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ADULT_AGE, ageOn } from '../../../domain/volunteer-account.ts';
import type { RegisterVolunteerBody } from '../../../modules/volunteers/volunteers.schemas.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { ErrorBox, Field, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { useCodeLists } from '../../lib/reference.ts';
import { newPasswordProblem, PasswordFields } from '../account/PasswordFields.tsx';
import {
  CommonFields,
  type CommonValues,
  fieldProblems,
  GuardianFields,
  splitList,
} from './volunteerForm.tsx';

/** The columns of the API this form has a field for. */
const COLUMNS = [
  'email',
  'password',
  'name',
  'birthDate',
  'gender',
  'region',
  'employment',
  'iin',
  'skills',
  'languages',
  'consent.personalData',
  'guardian',
  'guardian.name',
  'guardian.email',
] as const;

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Under 18 by the birth date typed (a hint: the server decides with Kazakhstan's date). */
export function isMinor(birthDate: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return false;
  const age = ageOn(birthDate, today());
  return age >= 0 && age < ADULT_AGE;
}

export default function RegisterVolunteerPage() {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const formRef = useRef<HTMLFormElement>(null);
  const consentId = useId();
  const [account, setAccount] = useState({ email: '', birthDate: '', gender: '', iin: '' });
  const [common, setCommon] = useState<CommonValues>({
    name: '',
    region: '',
    employment: '',
    skills: '',
    languages: [lang],
    resident: true,
    disability: false,
  });
  const [guardian, setGuardian] = useState({ name: '', email: '' });
  const [consent, setConsent] = useState(false);
  const [password, setPassword] = useState({ next: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = password.repeat ? newPasswordProblem(t, password) : null;
  const minor = isMinor(account.birthDate);
  const genders = (lists?.gender ?? []).filter((x) => x.active);
  const { of: problemOf, onFields } = fieldProblems(t, error, COLUMNS);
  const set = (k: keyof typeof account) => (e: { target: { value: string } }) =>
    setAccount({ ...account, [k]: e.target.value });

  // A refusal about a field: the first field marked takes the focus.
  useEffect(() => {
    if (error && onFields) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, onFields]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (newPasswordProblem(t, password)) return;
    setBusy(true);
    setError(null);
    const body: RegisterVolunteerBody = {
      email: account.email.trim(),
      password: password.next,
      name: common.name,
      birthDate: account.birthDate,
      gender: account.gender,
      region: common.region,
      employment: common.employment,
      resident: common.resident,
      disability: common.disability,
      skills: splitList(common.skills),
      languages: common.languages,
      consent: { personalData: consent },
      lang,
      ...(account.iin.trim() ? { iin: account.iin.trim() } : {}),
      ...(minor ? { guardian: { name: guardian.name, email: guardian.email.trim() } } : {}),
    };
    try {
      await post('/api/platform/volunteers', body);
      window.location.assign('/platform/volunteers/me?welcome=1');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageTitle sub={t('volunteerWeb.registerLead')}>{t('volunteerWeb.registerTitle')}</PageTitle>
      <form ref={formRef} className="panel" onSubmit={submit} aria-label={t('volunteerWeb.registerTitle')}>
        <h2>{t('volunteerWeb.account')}</h2>
        <Field label={t('volunteerWeb.email')} error={problemOf('email')}>
          {(p) => (
            <input
              {...p}
              name="email"
              type="email"
              autoComplete="email"
              required
              maxLength={320}
              value={account.email}
              onChange={set('email')}
            />
          )}
        </Field>
        <PasswordFields value={password} onChange={setPassword} error={mismatch ?? problemOf('password')} />
        <h2>{t('volunteerWeb.about')}</h2>
        <Field
          label={t('volunteerWeb.birthDate')}
          hint={t('volunteerWeb.birthDateHint')}
          error={problemOf('birthDate')}
        >
          {(p) => (
            <DateInput
              {...p}
              name="birthDate"
              required
              value={account.birthDate}
              onChange={(v) => setAccount({ ...account, birthDate: v })}
            />
          )}
        </Field>
        <Field label={t('volunteerWeb.gender')} error={problemOf('gender')}>
          {(p) => (
            <select {...p} name="gender" required value={account.gender} onChange={set('gender')}>
              <option value="">{t('volunteerWeb.choose')}</option>
              {genders.map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CommonFields value={common} onChange={setCommon} problemOf={problemOf} />
        <Field label={t('volunteerWeb.iin')} hint={t('volunteerWeb.iinHint')} error={problemOf('iin')}>
          {(p) => (
            <input
              {...p}
              name="iin"
              inputMode="numeric"
              autoComplete="off"
              maxLength={14}
              value={account.iin}
              onChange={set('iin')}
            />
          )}
        </Field>
        {minor ? (
          <section aria-labelledby={`${consentId}-guardian`} data-testid="guardian-fields">
            <h2 id={`${consentId}-guardian`}>{t('volunteerWeb.guardianTitle')}</h2>
            <p className="muted">{t('volunteerWeb.guardianLead')}</p>
            <GuardianFields value={guardian} onChange={setGuardian} problemOf={problemOf} />
          </section>
        ) : null}
        <h2>{t('volunteerWeb.consentTitle')}</h2>
        <p id={`${consentId}-text`}>{t('volunteerWeb.consentText')}</p>
        <div className={`field${problemOf('consent.personalData') ? ' field-invalid' : ''}`}>
          <label>
            <input
              type="checkbox"
              name="consent"
              required
              checked={consent}
              aria-describedby={`${consentId}-text`}
              aria-invalid={problemOf('consent.personalData') ? true : undefined}
              onChange={(e) => setConsent(e.target.checked)}
            />{' '}
            {t('volunteerWeb.consentLabel')}
          </label>
          {problemOf('consent.personalData') ? (
            <small className="field-error">{problemOf('consent.personalData')}</small>
          ) : null}
        </div>
        {onFields ? (
          <p className="alert alert-error" role="alert">
            {t('volunteerWeb.checkFields')}
          </p>
        ) : (
          <ErrorBox error={error} />
        )}
        <div className="actions">
          <button type="submit" className="btn" disabled={busy}>
            {t('volunteerWeb.register')}
          </button>
        </div>
      </form>
    </div>
  );
}
