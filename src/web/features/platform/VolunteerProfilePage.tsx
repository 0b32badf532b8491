// The volunteer's own page (issue 11 items 2 and 7): the profile as the platform keeps it (the IIN
// as its last 4 digits only, whether the address is confirmed, the guardian's consent), the fields
// the volunteer may change, "download my data" (the JSON export) and "delete my account" (asked
// first; then signed out, back on the dashboard).
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Volunteer } from '../../../modules/volunteers/volunteers.schemas.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Loading, PageTitle } from '../../components/ui.tsx';
import { ApiError, del, patch } from '../../lib/api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { VisibilitySection } from './VisibilitySection.tsx';
import {
  CommonFields,
  type CommonValues,
  fieldProblems,
  GuardianFields,
  LANGUAGES,
  splitList,
} from './volunteerForm.tsx';

const COLUMNS = [
  'name',
  'region',
  'employment',
  'skills',
  'languages',
  'guardian',
  'guardian.name',
  'guardian.email',
] as const;

export default function VolunteerProfilePage() {
  return <RequireRole roles={['volunteer']}>{() => <Profile />}</RequireRole>;
}

function Profile() {
  const { t } = useT();
  const { query } = useLocation();
  const { data, error, loading } = useApi<{ volunteer: Volunteer }>('/api/platform/volunteers/me');
  const [volunteer, setVolunteer] = useState<Volunteer | null>(null);
  useEffect(() => {
    if (data) setVolunteer(data.volunteer);
  }, [data]);
  const v = volunteer ?? data?.volunteer ?? null;
  return (
    <div className="narrow">
      <PageTitle>{t('volunteerWeb.profileTitle')}</PageTitle>
      {loading && !v ? <Loading /> : null}
      {error instanceof ApiError && error.status === 404 ? (
        <p className="alert alert-info">{t('volunteerWeb.noProfile')}</p>
      ) : (
        <ErrorBox error={error} />
      )}
      {v ? (
        <>
          {query.get('welcome') === '1' ? (
            <div className="alert alert-success" role="status" data-testid="welcome">
              <p>{t('volunteerWeb.welcome', { email: v.email })}</p>
              {v.guardian ? <p>{t('volunteerWeb.welcomeGuardian', { email: v.guardian.email })}</p> : null}
            </div>
          ) : null}
          <p>
            <Link to="/platform/volunteers/me/applications">{t('applications.mineLink')}</Link>
            {' · '}
            <Link to="/platform/volunteers/me/record-book">{t('recordBook.link')}</Link>
            {' · '}
            <Link to="/platform/volunteers/me/assessments">{t('assessments.link')}</Link>
          </p>
          <Facts v={v} />
          <EditForm v={v} onSaved={setVolunteer} />
          <VisibilitySection />
          <MyData />
        </>
      ) : null}
    </div>
  );
}

function Facts({ v }: { v: Volunteer }) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  return (
    <section className="panel" aria-label={t('volunteerWeb.profileTitle')} data-testid="volunteer-facts">
      <dl className="facts facts-long">
        <dt>{t('volunteerWeb.email')}</dt>
        <dd>
          {v.email}
          <br />
          <span data-testid="email-status">
            {t('volunteerWeb.emailStatus')}:{' '}
            {v.emailConfirmed ? t('volunteerWeb.emailConfirmed') : t('volunteerWeb.emailNotConfirmed')}
          </span>
        </dd>
        <dt>{t('volunteerWeb.name')}</dt>
        <dd data-testid="volunteer-name">{v.name}</dd>
        <dt>{t('volunteerWeb.birthDate')}</dt>
        <dd>{formatDate(v.birthDate, lang)}</dd>
        <dt>{t('volunteerWeb.gender')}</dt>
        <dd>{codeName(lists, 'gender', v.gender, lang) || '—'}</dd>
        <dt>{t('volunteerWeb.region')}</dt>
        <dd>{v.region ? territoryName(territories, v.region, lang) : '—'}</dd>
        <dt>{t('volunteerWeb.employment')}</dt>
        <dd>{codeName(lists, 'employment', v.employment, lang) || '—'}</dd>
        <dt>{t('volunteerWeb.skills')}</dt>
        <dd>{v.skills.length ? v.skills.join(', ') : '—'}</dd>
        <dt>{t('volunteerWeb.languages')}</dt>
        <dd>
          {v.languages.length
            ? v.languages
                .map((l) => ((LANGUAGES as readonly string[]).includes(l) ? t(`lang.${l as 'kk'}`) : l))
                .join(', ')
            : '—'}
        </dd>
        <dt>{t('volunteerWeb.iinShort')}</dt>
        <dd data-testid="iin">
          {v.iinLast4 ? t('volunteerWeb.iinLast4', { last4: v.iinLast4 }) : t('volunteerWeb.iinNone')}
        </dd>
        <dt>{t('volunteerWeb.guardianStatus')}</dt>
        <dd data-testid="guardian-status">
          {v.guardianStatus === 'pending' || v.guardianStatus === 'confirmed'
            ? t(`volunteerWeb.guardianStatuses.${v.guardianStatus}`)
            : t('volunteerWeb.guardianStatuses.not_required')}
          {v.guardian ? ` — ${v.guardian.name}, ${v.guardian.email}` : null}
        </dd>
        <dt>{t('volunteerWeb.consentGiven')}</dt>
        <dd>{t('volunteerWeb.consentAt', { date: formatDateTime(v.consent.at, lang) })}</dd>
      </dl>
    </section>
  );
}

const valuesOf = (v: Volunteer): CommonValues => ({
  name: v.name,
  region: v.region ?? '',
  employment: v.employment ?? '',
  skills: v.skills.join(', '),
  languages: v.languages,
  resident: v.resident,
  disability: v.disability,
});

function EditForm({ v, onSaved }: { v: Volunteer; onSaved(v: Volunteer): void }) {
  const { t } = useT();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [common, setCommon] = useState<CommonValues>(() => valuesOf(v));
  const [guardian, setGuardian] = useState({ name: v.guardian?.name ?? '', email: v.guardian?.email ?? '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const minor = v.guardianStatus !== 'not_required';
  const { of: problemOf, onFields } = fieldProblems(t, error, COLUMNS);

  useEffect(() => {
    if (error && onFields) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error, onFields]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    const guardianChanged =
      minor &&
      (guardian.name !== (v.guardian?.name ?? '') || guardian.email.trim() !== (v.guardian?.email ?? ''));
    try {
      const r = await patch<{ volunteer: Volunteer }>('/api/platform/volunteers/me', {
        name: common.name,
        region: common.region,
        employment: common.employment,
        resident: common.resident,
        disability: common.disability,
        skills: splitList(common.skills),
        languages: common.languages,
        ...(guardianChanged ? { guardian: { name: guardian.name, email: guardian.email.trim() } } : {}),
      });
      onSaved(r.volunteer);
      setCommon(valuesOf(r.volunteer));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="panel"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
      data-testid="volunteer-edit"
    >
      <h2 id={`${id}-title`}>{t('volunteerWeb.editTitle')}</h2>
      <p className="muted">{t('volunteerWeb.fixedFields')}</p>
      <CommonFields
        value={common}
        onChange={(next) => {
          setCommon(next);
          setSaved(false);
        }}
        problemOf={problemOf}
      />
      {minor ? (
        <fieldset>
          <legend>{t('volunteerWeb.guardianTitle')}</legend>
          <GuardianFields value={guardian} onChange={setGuardian} problemOf={problemOf} />
        </fieldset>
      ) : null}
      {onFields ? (
        <p className="alert alert-error" role="alert">
          {t('volunteerWeb.checkFields')}
        </p>
      ) : (
        <ErrorBox error={error} />
      )}
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('volunteerWeb.saved')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="btn" disabled={busy}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function MyData() {
  const { t } = useT();
  const { logout } = useSession();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      await del('/api/platform/volunteers/me');
      await logout();
      navigate('/');
    } catch (err) {
      setError(err);
      setBusy(false);
      setAsking(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('volunteerWeb.dataTitle')}</h2>
      <p className="muted" id={`${id}-hint`}>
        {t('volunteerWeb.exportHint')}
      </p>
      <ErrorBox error={error} />
      <div className="actions">
        <a
          className="btn btn-secondary"
          href="/api/platform/volunteers/me/export"
          download
          aria-describedby={`${id}-hint`}
        >
          {t('volunteerWeb.export')}
        </a>
        <button type="button" className="btn btn-danger" onClick={() => setAsking(true)}>
          {t('volunteerWeb.delete')}
        </button>
      </div>
      {asking ? (
        <ConfirmDialog
          title={t('volunteerWeb.delete')}
          text={t('volunteerWeb.deleteText')}
          confirm={t('volunteerWeb.deleteConfirm')}
          danger
          busy={busy}
          onConfirm={() => void erase()}
          onCancel={() => setAsking(false)}
        />
      ) : null}
    </section>
  );
}
