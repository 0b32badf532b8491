// Finding volunteers, with their consent (issue 12 item 4, DOMAIN.md §7). A volunteer opts in (off
// by default) and chooses what organisations may see; a verified organisation's coordinator
// searches the findable ones by region, hours of experience by area, skills, languages, average
// assessment and availability — each filter applying only to what the volunteer shows, so that a
// hidden field is never inferred — and sees no name, contact or birth date. Every result shown is
// kept as a view (the volunteer sees which organisations viewed him); the organisation reaches a
// volunteer only by inviting him to one of its published opportunities: once per opportunity, and
// at most PLATFORM_MAX_INVITATIONS_PER_MONTH (3) a month per volunteer across organisations.
// Withdrawing the opt-in takes effect at once.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { type Actor, authorize, requireActor } from '../../domain/policy.ts';
import { notFound, refuse } from '../../lib/errors.ts';
import { appUrl } from '../../lib/public-url.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertManager } from '../opportunities/opportunities.service.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { greeting } from '../users/accounts.mail.ts';
import {
  type Found,
  type SearchQuery,
  SHOWABLE,
  type Showable,
  type VisibilityBody,
} from './finding.schemas.ts';

/** Invitations a volunteer may receive in 30 days, across organisations. */
export function maxInvitations(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PLATFORM_MAX_INVITATIONS_PER_MONTH);
  return Number.isInteger(n) && n > 0 ? n : 3;
}
/** Candidates a search reads at most before its in-process filters (skills, availability). */
const SCAN = 2000;
const MONTH_MS = 30 * 24 * 3600_000;

const shown = (json: string | null): Showable[] => {
  if (!json) return [...SHOWABLE];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? SHOWABLE.filter((s) => v.includes(s)) : [...SHOWABLE];
  } catch {
    return [...SHOWABLE];
  }
};
const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/ё/g, 'е').trim();

export async function readVisibility(db: Kysely<DB>, user: Actor | null | undefined) {
  const actor = authorize(user, 'volunteers.self');
  const p = await db
    .selectFrom('volunteer_profile')
    .select(['findable', 'findable_show', 'availability'])
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  if (!p) throw notFound('No volunteer profile');
  const [views, invitations] = await Promise.all([
    db
      .selectFrom('volunteer_view as w')
      .innerJoin('organization as g', 'g.id', 'w.organization_id')
      .select(['g.name', 'w.day'])
      .where('w.volunteer_id', '=', actor.id)
      .orderBy('w.day', 'desc')
      .orderBy('g.name')
      .limit(200)
      .execute(),
    db
      .selectFrom('invitation as i')
      .innerJoin('organization as g', 'g.id', 'i.organization_id')
      .innerJoin('opportunity as o', 'o.id', 'i.opportunity_id')
      .select(['g.name', 'o.id', 'o.title', 'i.created_at'])
      .where('i.volunteer_id', '=', actor.id)
      .orderBy('i.id', 'desc')
      .limit(200)
      .execute(),
  ]);
  return {
    findable: Number(p.findable) === 1,
    show: shown(p.findable_show),
    availability: p.availability,
    views: views.map((v) => ({ organization: v.name, day: v.day })),
    invitations: invitations.map((i) => ({
      organization: i.name,
      opportunity: { id: Number(i.id), title: i.title },
      at: i.created_at,
    })),
  };
}

export async function setVisibility(db: Kysely<DB>, user: Actor, body: VisibilityBody, at = new Date()) {
  const actor = authorize(user, 'volunteers.self');
  const changes = {
    findable: body.findable ? 1 : 0,
    ...(body.show ? { findable_show: JSON.stringify([...new Set(body.show)]) } : {}),
    ...(body.availability !== undefined ? { availability: body.availability.trim() || null } : {}),
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('volunteer_profile').set(changes).where('user_id', '=', actor.id).execute();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id,
          action: 'update',
          entity: 'volunteer',
          entityId: String(actor.id),
          field: 'findable',
          newValue: body.findable ? 'on' : 'off',
        },
      ],
      at.toISOString(),
    );
  });
  return readVisibility(db, actor);
}

const profiles = (db: Kysely<DB>) => db.selectFrom('volunteer_profile as p');

/** A verified organisation's search of the findable volunteers. */
export async function searchVolunteers(db: Kysely<DB>, user: Actor, q: SearchQuery, at = new Date()) {
  const actor = await assertManager(db, user);
  const orgId = actor.organizationId as number;
  const showing = (field: Showable) => `%"${field}"%`;
  // Skills and availability are free text in JSON: matched in process over at most SCAN candidates,
  // whose columns are read only then; otherwise the candidates are ids from the partial indexes
  // of findable volunteers (migration 026), newest first, and the page's details are read after.
  const inProcess = Boolean(q.skill || q.availability);
  // With an area, the volunteers come from volunteer_experience's index (area, region, hours): only
  // those with the hours are read (a CROSS JOIN keeps SQLite's planner from walking every findable
  // volunteer of the region instead). Without one, from the partial indexes of the findable.
  const from = q.area
    ? db
        .selectFrom('volunteer_experience as e')
        .crossJoin('volunteer_profile as p')
        .whereRef('p.user_id', '=', 'e.volunteer_id')
        .where('e.area', '=', q.area)
        .where('e.hours', '>=', q.minHours ?? 0.01)
        .$if(Boolean(q.region), (x) => x.where('e.region', '=', q.region as string))
    : db.selectFrom('volunteer_profile as p');
  // Typed as the profiles alone: what follows reads only p's columns, whichever the source.
  let sq = (from as unknown as ReturnType<typeof profiles>)
    .select('p.user_id')
    .$if(inProcess, (x) => x.select(['p.skills', 'p.findable_show', 'p.availability']))
    // A literal, not a parameter: the partial indexes' condition must be seen in the query.
    .where(sql<boolean>`p.findable = 1`)
    .where('p.erased_at', 'is', null);
  // A filter on a field applies only to volunteers who show it (null: all shown).
  const shows = (field: Showable) => (eb: any) =>
    eb.or([eb('p.findable_show', 'is', null), eb('p.findable_show', 'like', showing(field))]);
  if (q.region)
    sq = sq.$if(!q.area, (x) => x.where('p.region', '=', q.region as string)).where(shows('region'));
  if (q.language)
    sq = sq
      .where('p.languages', 'like', `%"${q.language.replace(/["%_\\]/g, '')}"%`)
      .where(shows('languages'));
  if (q.area) sq = sq.where(shows('experience'));
  else if (q.minHours !== undefined)
    sq = sq
      .where((eb) =>
        eb(
          eb
            .selectFrom('volunteer_experience as e')
            .select((e) => e.fn.coalesce(e.fn.sum<number>('e.hours'), e.val(0)).as('h'))
            .whereRef('e.volunteer_id', '=', 'p.user_id'),
          '>=',
          q.minHours ?? 0.01,
        ),
      )
      .where(shows('experience'));
  if (q.minAssessment !== undefined)
    sq = sq
      .where((eb) =>
        eb(
          eb
            .selectFrom('assessment as s')
            .select((e) =>
              e.fn
                .avg<number>(e(e(e.ref('s.reliability'), '+', e.ref('s.skills')), '+', e.ref('s.teamwork')))
                .as('avg'),
            )
            .whereRef('s.volunteer_id', '=', 'p.user_id')
            .where((e) => e.or([e('s.contest_status', 'is', null), e('s.contest_status', '!=', 'upheld')])),
          '>=',
          (q.minAssessment as number) * 3,
        ),
      )
      .where(shows('assessments'));
  const rows = (await sq.orderBy('p.user_id', 'desc').limit(SCAN).execute()) as {
    user_id: number;
    skills?: string;
    findable_show?: string | null;
    availability?: string | null;
  }[];
  const skill = q.skill ? fold(q.skill) : null;
  const availability = q.availability ? fold(q.availability) : null;
  const matched = !inProcess
    ? rows
    : rows.filter((r) => {
        const show = shown(r.findable_show ?? null);
        if (
          skill &&
          !(
            show.includes('skills') &&
            (JSON.parse(r.skills ?? '[]') as string[]).some((s) => fold(s).includes(skill))
          )
        )
          return false;
        if (
          availability &&
          !(show.includes('availability') && fold(r.availability ?? '').includes(availability))
        )
          return false;
        return true;
      });
  const ids = matched.slice(q.offset, q.offset + q.limit).map((r) => Number(r.user_id));
  const [page, hours, scores] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectFrom('volunteer_profile')
          .select(['user_id', 'region', 'skills', 'languages', 'findable_show', 'availability'])
          .where('user_id', 'in', ids)
          .orderBy('user_id', 'desc')
          .execute(),
    ids.length === 0
      ? []
      : db
          .selectFrom('volunteer_experience')
          .select(['volunteer_id', 'area', 'hours as h'])
          .where('volunteer_id', 'in', ids)
          .execute(),
    ids.length === 0
      ? []
      : db
          .selectFrom('assessment')
          .select([
            'volunteer_id',
            (eb) => eb.fn.countAll<number>().as('n'),
            (eb) =>
              eb.fn
                .avg<number>(eb(eb(eb.ref('reliability'), '+', eb.ref('skills')), '+', eb.ref('teamwork')))
                .as('avg'),
          ])
          .where('volunteer_id', 'in', ids)
          .where((eb) => eb.or([eb('contest_status', 'is', null), eb('contest_status', '!=', 'upheld')]))
          .groupBy('volunteer_id')
          .execute(),
  ]);
  const items: Found[] = page.map((r) => {
    const id = Number(r.user_id);
    const show = shown(r.findable_show);
    const score = scores.find((s) => Number(s.volunteer_id) === id);
    return {
      ref: id,
      ...(show.includes('region') && r.region ? { region: r.region } : {}),
      ...(show.includes('skills') ? { skills: JSON.parse(r.skills) as string[] } : {}),
      ...(show.includes('languages') ? { languages: JSON.parse(r.languages) as string[] } : {}),
      ...(show.includes('experience')
        ? {
            experience: hours
              .filter((h) => Number(h.volunteer_id) === id)
              .map((h) => ({ area: h.area, hours: Math.round(Number(h.h) * 100) / 100 }))
              .sort((a, b) => b.hours - a.hours),
          }
        : {}),
      ...(show.includes('assessments')
        ? {
            assessment: score
              ? { average: Math.round((Number(score.avg) / 3) * 10) / 10, count: Number(score.n) }
              : null,
          }
        : {}),
      ...(show.includes('availability') ? { availability: r.availability } : {}),
    };
  });
  // Each result shown is a view the volunteer will see (one a day per organisation).
  if (ids.length > 0) {
    const now = at.toISOString();
    const day = new Date(at.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
    await db
      .insertInto('volunteer_view')
      .values(ids.map((volunteer_id) => ({ organization_id: orgId, volunteer_id, day, viewed_at: now })))
      .onConflict((oc) =>
        oc.columns(['volunteer_id', 'organization_id', 'day']).doUpdateSet({ viewed_at: now }),
      )
      .execute();
  }
  return { items, total: matched.length };
}

const INVITE_MAIL: Record<
  Lang,
  (org: string, title: string, link: string) => { subject: string; lines: string[] }
> = {
  kk: (o, t, l) => ({
    subject: `Birgemiz: ${o} сізді шақырады`,
    lines: [
      `${o} сізді «${t}» іс-шарасына шақырады.`,
      `Қарап, өтінім беріңіз: ${l}`,
      'Бұл шақыруды платформадағы сіздің тәжірибеңізді көріп жіберді. Іздеуде көрінбеуді профильде өшіре аласыз.',
    ],
  }),
  ru: (o, t, l) => ({
    subject: `Birgemiz: ${o} приглашает вас`,
    lines: [
      `${o} приглашает вас на «${t}».`,
      `Посмотрите и откликнитесь: ${l}`,
      'Приглашение отправлено по вашему опыту на платформе. Скрыться из поиска можно в профиле.',
    ],
  }),
  en: (o, t, l) => ({
    subject: `Birgemiz: ${o} invites you`,
    lines: [
      `${o} invites you to “${t}”.`,
      `Have a look and apply: ${l}`,
      'The invitation was sent on the strength of your experience on the platform. You can stop being findable in your profile.',
    ],
  }),
};

/** An organisation invites a findable volunteer to one of its published opportunities. */
export async function invite(
  db: Kysely<DB>,
  user: Actor,
  opportunityId: number,
  volunteerId: number,
  at = new Date(),
) {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const opp = await trx
      .selectFrom('opportunity as o')
      .innerJoin('organization as g', 'g.id', 'o.organization_id')
      .leftJoin('platform_org as p', 'p.organization_id', 'o.organization_id')
      .select(['o.id', 'o.title', 'o.status', 'o.organization_id', 'g.name', 'p.status as org_status'])
      .where('o.id', '=', opportunityId)
      .executeTakeFirst();
    if (!opp) throw notFound(`No opportunity ${opportunityId}`);
    authorize(actor, 'platform.opportunities.manage', { organizationId: Number(opp.organization_id) });
    if (opp.status !== 'published' || opp.org_status !== 'verified')
      throw refuse(409, 'opportunity_not_open', 'Invite volunteers to a published opportunity only', {
        status: opp.status,
      });
    const v = await trx
      .selectFrom('volunteer_profile as p')
      .innerJoin('app_user as u', 'u.id', 'p.user_id')
      .select(['p.findable', 'p.erased_at', 'p.name', 'p.lang', 'u.email', 'u.disabled'])
      .where('p.user_id', '=', volunteerId)
      .executeTakeFirst();
    if (!v || Number(v.findable) !== 1 || v.erased_at !== null || Number(v.disabled) === 1)
      throw refuse(409, 'not_findable', 'This volunteer has not agreed to be found by organisations');
    const twice = await trx
      .selectFrom('invitation')
      .select('id')
      .where('opportunity_id', '=', opportunityId)
      .where('volunteer_id', '=', volunteerId)
      .executeTakeFirst();
    if (twice) throw refuse(409, 'already_invited', 'This volunteer is invited to this opportunity already');
    const limit = maxInvitations();
    const recent = await trx
      .selectFrom('invitation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('volunteer_id', '=', volunteerId)
      .where('created_at', '>', new Date(at.getTime() - MONTH_MS).toISOString())
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= limit)
      throw refuse(
        409,
        'invitation_limit',
        `This volunteer has had ${limit} invitations in the last 30 days: try later`,
        {
          limit,
        },
      );
    const row = await trx
      .insertInto('invitation')
      .values({
        opportunity_id: opportunityId,
        organization_id: Number(opp.organization_id),
        volunteer_id: volunteerId,
        by_user: actor.id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lang: Lang = isLang(v.lang) ? v.lang : 'ru';
    const m = INVITE_MAIL[lang](opp.name, opp.title, `${appUrl()}/platform/opportunities/${opportunityId}`);
    await queueMessage(trx, {
      kind: 'platform.invitation',
      to: v.email,
      lang,
      subject: m.subject,
      body: [greeting[lang](v.name), ...m.lines].join('\n\n'),
    });
    return { id: Number(row.id) };
  });
}
