// What the platform's later modules keep about a volunteer, for his data download: the assessments
// he received, the ratings and surveys he gave, the certificates he issued, and whom he let find him.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { printedCode } from '../../domain/certificate-code.ts';
import type { Actor } from '../../domain/policy.ts';
import { readVisibility } from '../finding/finding.service.ts';
import { surveysOfVolunteer } from '../impact/impact.repository.ts';

export async function platformDataOf(db: Kysely<DB>, actor: Actor) {
  const [assessments, ratings, surveys, certificates, visibility] = await Promise.all([
    db
      .selectFrom('assessment')
      .select([
        'application_id',
        'reliability',
        'skills',
        'teamwork',
        'comment',
        'created_at',
        'contest_status',
        'contest_text',
        'settlement',
      ])
      .where('volunteer_id', '=', actor.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('opportunity_rating')
      .select(['application_id', 'rating', 'went_well', 'improve', 'created_at'])
      .where('volunteer_id', '=', actor.id)
      .orderBy('id')
      .execute(),
    surveysOfVolunteer(db, actor.id),
    db
      .selectFrom('certificate')
      .select(['code', 'scope', 'lang', 'hours', 'participations', 'issued_at'])
      .where('volunteer_id', '=', actor.id)
      .orderBy('id')
      .execute(),
    readVisibility(db, actor),
  ]);
  return {
    assessments: assessments.map((a) => ({
      application: Number(a.application_id),
      reliability: Number(a.reliability),
      skills: Number(a.skills),
      teamwork: Number(a.teamwork),
      comment: a.comment,
      createdAt: a.created_at,
      contest: a.contest_status,
      contestText: a.contest_text,
      settlement: a.settlement,
    })),
    ratings: ratings.map((r) => ({
      application: Number(r.application_id),
      rating: Number(r.rating),
      wentWell: r.went_well,
      improve: r.improve,
      createdAt: r.created_at,
    })),
    surveys,
    certificates: certificates.map((c) => ({
      code: printedCode(c.code),
      scope: c.scope,
      lang: c.lang,
      hours: Number(c.hours),
      participations: Number(c.participations),
      issuedAt: c.issued_at,
    })),
    visibility,
  };
}
