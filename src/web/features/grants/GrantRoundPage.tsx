// A reporting round of the grant projects (issue 13 items 4 and 7): each project's data provision —
// provided, only the grantor's figures, refused, could not be reached — with the grantee's comment,
// the figures it gave outside the platform and the hours its records hold for the year. The
// national office records each; a front office reads its region's projects.
import { useId, useState } from 'react';
import type { GrantRound, RoundRow } from '../../../modules/grants/grants.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { put } from '../../lib/api.ts';
import { formatHours, formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { Link } from '../../lib/router.tsx';
import { isNationalRole } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { GrantLinks, numberOrNull, ProvisionBadge, RegionNames, useSubmit } from './parts.tsx';

const STATUSES = ['provided', 'duplicated_grantor', 'refused', 'unreachable'] as const;

export default function GrantRoundPage({ id }: { id: string }) {
  return (
    <RequireRole roles={['national_admin', 'national_analyst', 'rfo', 'org_coordinator']}>
      {(user) => <Round id={id} manages={isNationalRole(user.role)} />}
    </RequireRole>
  );
}

function Round({ id, manages }: { id: string; manages: boolean }) {
  const { t, lang } = useT();
  const r = useApi<GrantRound>(`/api/grants/rounds/${encodeURIComponent(id)}`);
  const d = r.data;
  return (
    <div className="platform-page">
      <ErrorBox error={r.error} />
      {r.loading && !d ? <Loading /> : null}
      {d ? (
        <>
          <PageTitle sub={t('grants.roundProjects', { count: d.projects, year: String(d.year) })}>
            {d.title}
          </PageTitle>
          <GrantLinks />
          <p>
            {[...STATUSES, 'pending' as const]
              .filter((s) => d.byStatus[s] > 0)
              .map((s) => (
                <span key={s}>
                  <ProvisionBadge status={s === 'pending' ? null : s} /> {formatNumber(
                    d.byStatus[s],
                    lang,
                  )}{' '}
                </span>
              ))}
          </p>
          {d.entries.length === 0 ? <p className="alert alert-info">{t('grants.noProjects')}</p> : null}
          <ul className="plain-list">
            {d.entries.map((e) => (
              <Entry key={e.project.id} roundId={d.id} e={e} manages={manages} onDone={r.reload} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function Entry({
  roundId,
  e,
  manages,
  onDone,
}: {
  roundId: number;
  e: RoundRow;
  manages: boolean;
  onDone(): void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const [status, setStatus] = useState<string>(e.status ?? '');
  const [comment, setComment] = useState(e.comment ?? '');
  const [hours, setHours] = useState(e.reported.hours === null ? '' : String(e.reported.hours));
  const [volunteers, setVolunteers] = useState(
    e.reported.volunteers === null ? '' : String(e.reported.volunteers),
  );
  const [events, setEvents] = useState(e.reported.events === null ? '' : String(e.reported.events));
  const [saved, setSaved] = useState(false);
  const s = useSubmit();
  const submit = s.run(
    async () => {
      setSaved(false);
      await put(`/api/grants/rounds/${roundId}/entries/${e.project.id}`, {
        status: status === '' ? null : status,
        comment: comment.trim() || null,
        hours: numberOrNull(hours),
        volunteers: numberOrNull(volunteers),
        events: numberOrNull(events),
      });
    },
    () => {
      setSaved(true);
      onDone();
    },
  );
  return (
    <li className="panel" data-testid="round-entry" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <Link to={`/grants/projects/${e.project.id}`}>{e.project.title}</Link>
      </h2>
      <dl className="facts facts-long">
        <dt>{t('grants.grantee')}</dt>
        <dd>{e.project.organization.name}</dd>
        <dt>{t('grants.regions')}</dt>
        <dd>
          <RegionNames codes={e.project.regions} />
        </dd>
        <dt>{t('grants.provisionColumn')}</dt>
        <dd>
          <ProvisionBadge status={e.status} />
        </dd>
        <dt>{t('grants.comment')}</dt>
        <dd>{e.comment ?? '–'}</dd>
        <dt>{t('grants.reported')}</dt>
        <dd>
          {t('grants.figures', {
            volunteers: formatNumber(e.reported.volunteers, lang),
            hours: formatHours(e.reported.hours, lang),
            events: formatNumber(e.reported.events, lang),
          })}
        </dd>
        <dt>{t('grants.recorded')}</dt>
        <dd>
          {t('grants.figures', {
            volunteers: formatNumber(e.recorded.volunteers, lang),
            hours: formatHours(e.recorded.hours, lang),
            events: formatNumber(e.recorded.records, lang),
          })}
        </dd>
        {e.illustrative || e.project.illustrative ? (
          <>
            <dt>{t('grants.illustrative')}</dt>
            <dd>{t('grants.illustrativeNote')}</dd>
          </>
        ) : null}
      </dl>
      {manages ? (
        <form
          className="subpanel"
          onSubmit={submit}
          aria-label={t('grants.recordProvision', { project: e.project.title })}
        >
          <div className="form-grid">
            <Field label={t('grants.provisionColumn')}>
              {(p) => (
                <select {...p} value={status} onChange={(x) => setStatus(x.target.value)}>
                  <option value="">{t('grants.provision.pending')}</option>
                  {STATUSES.map((st) => (
                    <option key={st} value={st}>
                      {t(`grants.provision.${st}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('grants.reportedHours')}>
              {(p) => (
                <input {...p} inputMode="decimal" value={hours} onChange={(x) => setHours(x.target.value)} />
              )}
            </Field>
            <Field label={t('grants.reportedVolunteers')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={volunteers}
                  onChange={(x) => setVolunteers(x.target.value)}
                />
              )}
            </Field>
            <Field label={t('grants.reportedEvents')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={events}
                  onChange={(x) => setEvents(x.target.value)}
                />
              )}
            </Field>
          </div>
          <Field label={t('grants.comment')}>
            {(p) => <textarea {...p} rows={2} value={comment} onChange={(x) => setComment(x.target.value)} />}
          </Field>
          <ErrorBox error={s.error} />
          {saved ? (
            <p className="alert alert-success" role="status">
              {t('grants.saved')}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="btn btn-small" disabled={s.busy}>
              {t('common.save')}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
