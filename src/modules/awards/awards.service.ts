// Award candidates (issue 12 item 6): the volunteers of a region and half-year (letters of thanks)
// or year (Best Volunteer) by confirmed hours and assessments, straight from the record book's
// participations — the information centre's award rounds (issue 13) read this service, never a copy.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { kzInstantRange, parsePeriod } from '../../domain/periods.ts';
import { type Actor, authorize } from '../../domain/policy.ts';
import { badRequest } from '../../lib/errors.ts';
import { candidateAreas, candidateRows } from './awards.repository.ts';
import type { Candidates, CandidatesQuery } from './awards.schemas.ts';

export const CANDIDATE_RULE =
  'Most confirmed hours first; equal hours: the higher assessment mean (none last), then more participations, then the earlier account.';

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** The region's volunteer candidates for a half-year or a year. */
export async function volunteerCandidates(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  q: CandidatesQuery,
): Promise<Candidates> {
  authorize(user, 'awards.candidates', { region: q.region });
  const period = parsePeriod(q.period);
  if (!period || period.kind === 'month')
    throw badRequest('period: a half-year YYYY-H1 / YYYY-H2 or a year YYYY');
  const { from, to } = kzInstantRange(period);
  const rows = await candidateRows(db, q.region, from, to, q.minHours ?? 0, q.limit);
  const areas = await candidateAreas(
    db,
    rows.map((r) => r.volunteer_id),
    q.region,
    from,
    to,
  );
  return {
    region: q.region,
    period: period.text,
    from: period.start,
    to: period.end,
    rule: CANDIDATE_RULE,
    volunteers: rows.map((r) => ({
      volunteer: r.volunteer_id,
      name: r.name,
      hours: round(r.hours, 2),
      participations: r.participations,
      organizations: r.organizations,
      areas: areas.get(r.volunteer_id) ?? [],
      noShows: r.no_shows,
      assessment:
        r.assessed > 0 && r.assessment_sum !== null
          ? { average: round(r.assessment_sum / r.assessed, 1), count: r.assessed }
          : null,
    })),
  };
}
