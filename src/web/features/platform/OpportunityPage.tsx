// One opportunity of the platform (issue 11 items 3 and 7): title, organiser, description (text:
// React escapes it, line breaks kept), area, region, format, minimum age, skills, pro bono, and its
// shifts in Kazakhstan time with their free places. A volunteer applies to a shift here (POST
// /api/platform/shifts/{id}/applications: pending, or waitlisted when it is full); anyone else is
// led to the volunteer sign-up or sign-in and comes back. The server's link preview (Open Graph
// tags) is in src/server/plugins/opportunity-og.ts.
import { useState } from 'react';
import type { Opportunity } from '../../../modules/opportunities/opportunities.schemas.ts';
import { ErrorBox, Loading } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { OrganizerRating } from './assessmentParts.tsx';
import { shiftText } from './opportunityText.ts';

type Shift = Opportunity['shifts'][number];

function ApplyButton({
  shift,
  labelledBy,
  training,
}: {
  shift: Shift;
  labelledBy: string;
  training: string | null;
}) {
  const { t } = useT();
  const [trained, setTrained] = useState(false);
  const { user, ready } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const here = typeof window === 'undefined' ? '/' : window.location.pathname;
  if (!ready) return null;
  if (user?.role !== 'volunteer')
    return (
      <Link
        className="btn"
        to={`/login?next=${encodeURIComponent(here)}`}
        aria-describedby={labelledBy}
        data-testid="apply"
      >
        {t('opportunities.apply')}
      </Link>
    );
  if (status)
    return (
      <p className="alert alert-success" role="status">
        {t(status === 'waitlisted' ? 'opportunities.appliedWaitlisted' : 'opportunities.appliedPending')}
      </p>
    );
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ id: number; status: string }>(
        `/api/platform/shifts/${shift.id}/applications`,
        training ? { trainingConfirmed: trained } : undefined,
      );
      setStatus(r.status);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorBox error={error} />
      {training ? (
        <label className="check">
          <input type="checkbox" checked={trained} onChange={(e) => setTrained(e.target.checked)} />{' '}
          {t('opportunities.trainingConfirm', { training })}
        </label>
      ) : null}
      <button
        type="button"
        className="btn"
        disabled={busy || (training !== null && !trained)}
        aria-describedby={labelledBy}
        data-testid="apply"
        onClick={() => void apply()}
      >
        {t('opportunities.apply')}
      </button>
    </>
  );
}

export default function OpportunityPage({ id }: { id: string }) {
  const { t, lang } = useT();
  const { user, ready } = useSession();
  const territories = useTerritories();
  const lists = useCodeLists();
  const valid = /^\d{1,10}$/.test(id);
  const found = useApi<Opportunity>(valid ? `/api/platform/opportunities/${id}` : null);
  if (valid && found.loading) return <Loading />;
  if (!valid || !found.data)
    return (
      <>
        <h1>{t('opportunities.notFound')}</h1>
        <ErrorBox error={found.error} />
        <Link to="/platform/opportunities">{t('opportunities.backToSearch')}</Link>
      </>
    );
  const o = found.data;
  const now = Date.now();
  const open = o.status === 'published';
  return (
    <article className="opportunity" data-testid="opportunity-page">
      <p>
        <Link to="/platform/opportunities">{t('opportunities.backToSearch')}</Link>
      </p>
      <header className="page-title">
        <h1 className="opportunity-title">{o.title}</h1>
        <p className="muted">{o.organization.name}</p>
      </header>
      {o.status !== 'published' ? (
        <p className="alert alert-info">
          {t('opportunities.statusNote', { status: t(`opportunities.statuses.${o.status}`) })}
          {o.reason ? ` ${o.reason}` : ''}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="opp-about">
        <h2 id="opp-about">{t('opportunities.about')}</h2>
        <p className="opportunity-description" data-testid="description">
          {o.description}
        </p>
        <dl className="facts facts-long">
          <dt>{t('opportunities.organizer')}</dt>
          <dd>{o.organization.name}</dd>
          <OrganizerRating organization={o.organization.id} />
          <dt>{t('opportunities.area')}</dt>
          <dd>{codeName(lists, 'area', o.area, lang)}</dd>
          <dt>{t('opportunities.region')}</dt>
          <dd>{territoryName(territories, o.region, lang)}</dd>
          {o.locality ? (
            <>
              <dt>{t('opportunities.locality')}</dt>
              <dd>{o.locality}</dd>
            </>
          ) : null}
          {o.training ? (
            <>
              <dt>{t('opportunities.training')}</dt>
              <dd>{o.training}</dd>
            </>
          ) : null}
          <dt>{t('opportunities.format')}</dt>
          <dd>{codeName(lists, 'format', o.format, lang)}</dd>
          <dt>{t('opportunities.minAge')}</dt>
          <dd>{t('opportunities.minAgeValue', { age: o.minAge })}</dd>
          <dt>{t('opportunities.skills')}</dt>
          <dd>{o.skills.length ? o.skills.join(', ') : '—'}</dd>
          <dt>{t('opportunities.probono')}</dt>
          <dd>{t(o.probono ? 'opportunities.yes' : 'opportunities.no')}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="opp-shifts">
        <h2 id="opp-shifts">{t('opportunities.shifts')}</h2>
        <p className="muted">{t('opportunities.kzTime')}</p>
        {ready && user?.role !== 'volunteer' && open ? (
          <p className="alert alert-info">
            {t('opportunities.applyAs')}{' '}
            <Link to="/platform/volunteers/register">{t('opportunities.signUp')}</Link>
            {' · '}
            <Link to={`/login?next=${encodeURIComponent(`/platform/opportunities/${o.id}`)}`}>
              {t('opportunities.signIn')}
            </Link>
          </p>
        ) : null}
        <ul className="opportunity-shifts">
          {o.shifts.map((s) => {
            const ended = Date.parse(s.end) < now;
            const timeId = `shift-${s.id}-time`;
            return (
              <li key={s.id} data-testid="shift">
                <p className="shift-time" id={timeId}>
                  <strong>{shiftText(s.start, s.end, lang)}</strong>
                </p>
                <p>
                  {t('opportunities.freeOf', {
                    free: formatNumber(s.free, lang),
                    capacity: formatNumber(s.capacity, lang),
                  })}
                </p>
                {ended ? (
                  <p className="muted">{t('opportunities.ended')}</p>
                ) : open ? (
                  <ApplyButton shift={s} labelledBy={timeId} training={o.training} />
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </article>
  );
}
