// Letters of thanks and the region's Best Volunteer (issue 13 items 2 and 7), for the front office
// and the national office. A region and a half-year: the volunteers and organisations the system
// proposes, each with its reasons and the rule they are ordered by; the front office chooses (with
// its own words if it likes), the national office approves or returns, the front office issues an
// approved letter, and its PDF is downloaded in kk, ru or en. The Best Volunteer of the year the
// same way, from the year's candidates. Without a region (the national office): the choices of
// every region awaiting a decision.
import { type FormEvent, useId, useState } from 'react';
import type { Candidates } from '../../../modules/awards/awards.schemas.ts';
import type { LetterView, OrgCandidates } from '../../../modules/awards/letters.schemas.ts';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui.tsx';
import { post } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { periodText } from '../../lib/periodText.ts';
import { territoryName, unitsOfYear, useTerritories } from '../../lib/reference.ts';
import { Link, setQuery, useLocation } from '../../lib/router.tsx';
import type { User } from '../../lib/session.tsx';
import { useApi } from '../../lib/useApi.ts';
import { organizationReasons, recentHalfYears, volunteerReasons } from './awardText.ts';
import { LetterCard, mayChoose } from './LetterCard.tsx';

type Letters = { items: LetterView[] };

export default function AwardsPage() {
  return (
    <RequireRole roles={['rfo', 'national_admin', 'national_analyst']}>
      {(user) => <Awards user={user} />}
    </RequireRole>
  );
}

function Awards({ user }: { user: User }) {
  const { t, lang } = useT();
  const { query } = useLocation();
  const territories = useTerritories();
  const halves = recentHalfYears(6);
  const asked = query.get('period') ?? '';
  const period = /^\d{4}-H[12]$/.test(asked) ? asked : (halves[0] as string);
  if (!halves.includes(period)) halves.push(period);
  const region = user.role === 'rfo' ? (user.region ?? '') : (query.get('region') ?? '');
  const year = Number(period.slice(0, 4));
  return (
    <div className="platform-page">
      <PageTitle sub={t('awards.lead')}>{t('awards.title')}</PageTitle>
      <p className="links">
        <Link to="/awards/rounds">{t('awards.roundsLink')}</Link>
        <Link to="/awards/results">{t('awards.resultsLink')}</Link>
      </p>
      <form className="filters" aria-label={t('awards.filters')} onSubmit={(e) => e.preventDefault()}>
        {user.role === 'rfo' ? (
          <p>
            {t('awards.region')}: <strong>{territoryName(territories, region, lang)}</strong>
          </p>
        ) : (
          <Field label={t('awards.region')}>
            {(p) => (
              <select {...p} value={region} onChange={(e) => setQuery({ region: e.target.value })}>
                <option value="">{t('awards.awaitingAll')}</option>
                {(territories ? unitsOfYear(territories, year) : []).map((u) => (
                  <option key={u.code} value={u.code}>
                    {territoryName(territories, u.code, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('awards.halfYear')}>
          {(p) => (
            <select {...p} value={period} onChange={(e) => setQuery({ period: e.target.value })}>
              {halves.map((h) => (
                <option key={h} value={h}>
                  {periodText(t, h)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      {region ? (
        <>
          <LettersOfThanks user={user} region={region} period={period} />
          <BestVolunteer user={user} region={region} year={String(year)} />
        </>
      ) : (
        <AwaitingDecision user={user} />
      )}
    </div>
  );
}

/** Every region's choices the national office has to decide on. */
function AwaitingDecision({ user }: { user: User }) {
  const { t } = useT();
  const list = useApi<Letters>('/api/awards/letters', { status: 'chosen' });
  return (
    <section className="panel" aria-labelledby="awards-awaiting">
      <h2 id="awards-awaiting">{t('awards.awaiting')}</h2>
      <p className="muted">{t('awards.awaitingLead')}</p>
      <ErrorBox error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data?.items.length === 0 ? <p className="alert alert-info">{t('awards.noneAwaiting')}</p> : null}
      <ul className="application-list">
        {(list.data?.items ?? []).map((l) => (
          <LetterCard key={l.id} letter={l} user={user} onChanged={list.reload} />
        ))}
      </ul>
    </section>
  );
}

function LettersOfThanks({ user, region, period }: { user: User; region: string; period: string }) {
  const { t, lang } = useT();
  const letters = useApi<Letters>('/api/awards/letters', { region, period, kind: 'thanks' });
  const volunteers = useApi<Candidates>('/api/awards/candidates/volunteers', { region, period, limit: 10 });
  const orgs = useApi<OrgCandidates>('/api/awards/candidates/organizations', { region, period, limit: 10 });
  const items = letters.data?.items ?? [];
  const reload = () => {
    letters.reload();
  };
  const hasLetter = (kind: 'volunteer' | 'organization', id: number) =>
    items.some(
      (l) => (kind === 'volunteer' ? l.volunteer === id : l.organization === id) && l.status !== 'returned',
    );
  return (
    <section className="panel" aria-labelledby="awards-thanks">
      <h2 id="awards-thanks">{t('awards.thanksTitle', { period: periodText(t, period) })}</h2>
      <h3>{t('awards.lettersTitle')}</h3>
      <ErrorBox error={letters.error} />
      {letters.loading && !letters.data ? <Loading /> : null}
      {letters.data && items.length === 0 ? <p className="muted">{t('awards.noLetters')}</p> : null}
      <ul className="application-list" data-testid="letters">
        {items.map((l) => (
          <LetterCard key={l.id} letter={l} user={user} onChanged={reload} level={4} />
        ))}
      </ul>
      <h3>{t('awards.volunteerCandidates')}</h3>
      <p className="muted">{volunteers.data?.rule ? t('awards.volunteerRule') : null}</p>
      <ErrorBox error={volunteers.error} />
      {volunteers.data && volunteers.data.volunteers.length === 0 ? (
        <p className="muted">{t('awards.noCandidates')}</p>
      ) : null}
      <ul className="application-list" data-testid="volunteer-candidates">
        {(volunteers.data?.volunteers ?? []).map((v) => (
          <Candidate
            key={v.volunteer}
            name={v.name}
            reasons={volunteerReasons(t, lang, {
              hours: v.hours,
              participations: v.participations,
              organizations: v.organizations,
              areas: v.areas,
              noShows: v.noShows,
              assessment: v.assessment,
            })}
            chosen={hasLetter('volunteer', v.volunteer)}
            canChoose={mayChoose(user)}
            choose={(justification) =>
              post('/api/awards/letters', { region, period, volunteer: v.volunteer, ...justification })
            }
            onChosen={reload}
          />
        ))}
      </ul>
      <h3>{t('awards.organizationCandidates')}</h3>
      <p className="muted">{orgs.data?.rule ? t('awards.organizationRule') : null}</p>
      <ErrorBox error={orgs.error} />
      {orgs.data && orgs.data.organizations.length === 0 ? (
        <p className="muted">{t('awards.noCandidates')}</p>
      ) : null}
      <ul className="application-list" data-testid="organization-candidates">
        {(orgs.data?.organizations ?? []).map((o) => (
          <Candidate
            key={o.organization}
            name={o.name}
            reasons={organizationReasons(t, lang, o)}
            chosen={hasLetter('organization', o.organization)}
            canChoose={mayChoose(user)}
            choose={(justification) =>
              post('/api/awards/letters', { region, period, organization: o.organization, ...justification })
            }
            onChosen={reload}
          />
        ))}
      </ul>
    </section>
  );
}

function BestVolunteer({ user, region, year }: { user: User; region: string; year: string }) {
  const { t, lang } = useT();
  const letters = useApi<Letters>('/api/awards/letters', { region, period: year, kind: 'best_volunteer' });
  const candidates = useApi<Candidates>('/api/awards/candidates/volunteers', {
    region,
    period: year,
    limit: 5,
  });
  const current = letters.data?.items.find((l) => l.status !== 'returned');
  return (
    <section className="panel" aria-labelledby="awards-best">
      <h2 id="awards-best">{t('awards.bestTitle', { year })}</h2>
      <p className="muted">{t('awards.bestLead')}</p>
      <ErrorBox error={letters.error ?? candidates.error} />
      <ul className="application-list" data-testid="best-letters">
        {(letters.data?.items ?? []).map((l) => (
          <LetterCard key={l.id} letter={l} user={user} onChanged={letters.reload} />
        ))}
      </ul>
      {letters.data && !current ? (
        <>
          <h3>{t('awards.volunteerCandidates')}</h3>
          {candidates.data && candidates.data.volunteers.length === 0 ? (
            <p className="muted">{t('awards.noCandidates')}</p>
          ) : null}
          <ul className="application-list" data-testid="best-candidates">
            {(candidates.data?.volunteers ?? []).map((v) => (
              <Candidate
                key={v.volunteer}
                name={v.name}
                reasons={volunteerReasons(t, lang, v)}
                chosen={false}
                canChoose={mayChoose(user)}
                choose={(justification) =>
                  post('/api/awards/letters', {
                    kind: 'best_volunteer',
                    region,
                    period: year,
                    volunteer: v.volunteer,
                    ...justification,
                  })
                }
                onChosen={letters.reload}
              />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Candidate({
  name,
  reasons,
  chosen,
  canChoose,
  choose,
  onChosen,
}: {
  name: string;
  reasons: string;
  chosen: boolean;
  canChoose: boolean;
  choose(justification: { justification?: string }): Promise<unknown>;
  onChosen(): void;
}) {
  const { t } = useT();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [words, setWords] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await choose(words.trim() ? { justification: words.trim() } : {});
      setAsking(false);
      onChosen();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="panel" data-testid="candidate" aria-labelledby={`${id}-name`}>
      <h4 id={`${id}-name`}>{name}</h4>
      <p data-testid="candidate-reasons">{reasons}</p>
      {chosen ? <p className="muted">{t('awards.alreadyChosen')}</p> : null}
      <ErrorBox error={error} />
      {canChoose && !chosen && !asking ? (
        <div className="actions">
          <button
            type="button"
            className="btn btn-secondary"
            aria-describedby={`${id}-name`}
            onClick={() => setAsking(true)}
          >
            {t('awards.choose')}
          </button>
        </div>
      ) : null}
      {asking ? (
        <form className="subpanel" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-name`}>
          <Field label={t('awards.justificationOptional')}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                maxLength={2000}
                value={words}
                onChange={(e) => setWords(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="btn" disabled={busy}>
              {t('awards.confirmChoice')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
