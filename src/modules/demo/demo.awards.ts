// The awards' demo (issue 13 item 8), marked illustrative (the seeds give no figure): one half-year of
// letters of thanks in Almaty — the front office chooses the first proposed volunteers and
// organisations of the half-year with the platform's most hours, the national office approves,
// the letters are issued; one more choice in Astana waits for the national office — and one
// Volunteer of the Year round of last year with a jury of three (one conflict of interest
// declared), scored, closed and published. Made through the awards' own services, so that every
// rule and trail is the real one. The jurors are demo accounts of the role juror.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, NATIONAL_OFFICE } from '../../domain/policy.ts';
import { AppError } from '../../lib/errors.ts';
import { volunteerCandidates } from '../awards/awards.service.ts';
import {
  chooseLetter,
  decideLetter,
  issueLetter,
  organizationCandidates,
} from '../awards/letters.service.ts';
import {
  createRound,
  declareConflict,
  enterNominee,
  moveRound,
  readRound,
  scoreNominee,
  seatJuror,
} from '../awards/rounds.service.ts';
import { hashPassword } from '../users/passwords.ts';
import { DEMO_PASSWORD } from './demo.data.ts';

/** The jury's demo accounts (role juror), with the names the published result shows. */
export const DEMO_JURORS = [
  { email: 'juror.1@demo.birgemiz.kz', name: 'Гүлназ Әбдірова (демо)' },
  { email: 'juror.2@demo.birgemiz.kz', name: 'Сергей Ли (демо)' },
  { email: 'juror.3@demo.birgemiz.kz', name: 'Айдос Мұратов (демо)' },
] as const;

export interface AwardsDemoSummary {
  period: string | null;
  letters: number;
  round: number | null;
}

/** The demo's award rows (all illustrative), removed before a new load and before its accounts. */
export async function removeAwardsDemo(trx: Transaction<DB>): Promise<void> {
  const rounds = trx.selectFrom('award_round').select('id').where('illustrative', '=', 1);
  for (const table of [
    'award_score',
    'award_conflict',
    'award_juror',
    'award_nominee',
    'award_nomination',
  ] as const)
    await trx.deleteFrom(table).where('round_id', 'in', rounds).execute();
  await trx.deleteFrom('award_round').where('illustrative', '=', 1).execute();
  await trx.deleteFrom('award_letter').where('illustrative', '=', 1).execute();
}

/** A choice refused because a real one exists (409): skipped. */
const skipTaken = (err: unknown) => {
  if (err instanceof AppError && err.status === 409) return null;
  throw err;
};

const halfOf = (d: Date) => {
  const kz = new Date(d.getTime() + 5 * 3600_000);
  return `${kz.getUTCFullYear()}-H${kz.getUTCMonth() < 6 ? 1 : 2}`;
};

const actorOf = async (database: Database, email: string): Promise<Actor | null> => {
  const u = await database.db
    .selectFrom('app_user')
    .select(['id', 'role', 'region', 'organization_id'])
    .where('email', '=', email)
    .executeTakeFirst();
  return u ? { id: Number(u.id), role: u.role, region: u.region, organizationId: u.organization_id } : null;
};

/** Letters of thanks of one half-year: Almaty's issued, one of Astana's awaiting the national office. */
async function lettersDemo(
  database: Database,
  at: Date,
): Promise<{ period: string | null; letters: number }> {
  const db = database.db;
  const almaty = await actorOf(database, 'rfo.almaty@demo.birgemiz.kz');
  const astana = await actorOf(database, 'rfo.astana@demo.birgemiz.kz');
  if (!almaty || !astana) return { period: null, letters: 0 };
  // The half-year of the platform's confirmed hours: this one or, early in it, the one before.
  const now = halfOf(at);
  const before = halfOf(new Date(at.getTime() - 183 * 24 * 3600_000));
  const count = async (period: string) =>
    (await volunteerCandidates(db, almaty, { region: 'KZ-75', period, limit: 3 })).volunteers.length;
  const period = (await count(now)) >= (await count(before)) ? now : before;
  const volunteers = (await volunteerCandidates(db, almaty, { region: 'KZ-75', period, limit: 3 }))
    .volunteers;
  const orgs = (await organizationCandidates(db, almaty, { region: 'KZ-75', period, limit: 2 }))
    .organizations;
  if (volunteers.length === 0 && orgs.length === 0) return { period: null, letters: 0 };
  const made = [
    ...volunteers.map((v) => ({ volunteer: v.volunteer })),
    ...orgs.map((o) => ({ organization: o.organization })),
  ];
  let letters = 0;
  for (const [i, who] of made.entries()) {
    // A real letter for the same person and half-year stands: the demo makes none beside it.
    const letter = await chooseLetter(
      db,
      almaty,
      {
        kind: 'thanks',
        region: 'KZ-75',
        period,
        ...who,
        justification: i === 0 ? 'Самый активный волонтер полугодия (демо)' : undefined,
      },
      at,
      true,
    ).catch(skipTaken);
    if (!letter) continue;
    await decideLetter(db, NATIONAL_OFFICE, letter.id, { decision: 'approve' }, at);
    await issueLetter(db, almaty, letter.id, at);
    letters++;
  }
  const far = (await volunteerCandidates(db, astana, { region: 'KZ-71', period, limit: 1 })).volunteers[0];
  if (
    far &&
    (await chooseLetter(
      db,
      astana,
      {
        kind: 'thanks',
        region: 'KZ-71',
        period,
        volunteer: far.volunteer,
        justification: 'Демо: ждёт решения',
      },
      at,
      true,
    ).catch(skipTaken))
  )
    letters++;
  return { period, letters };
}

/** Last year's Volunteer of the Year, scored by three demo jurors and published. */
async function roundDemo(database: Database, at: Date): Promise<number | null> {
  const db = database.db;
  const year = new Date(at.getTime() + 5 * 3600_000).getUTCFullYear() - 1;
  const admin = NATIONAL_OFFICE;
  // A real round of that year stands: no demo round beside it.
  const taken = await db
    .selectFrom('award_round')
    .select('id')
    .where('kind', '=', 'volunteer_of_year')
    .where('year', '=', year)
    .executeTakeFirst();
  if (taken) return null;
  const { id } = await createRound(
    db,
    admin,
    {
      year,
      title: `Волонтер года — ${year} (демо)`,
      scaleMax: 10,
      nominations: [
        {
          scope: 'domestic',
          name: 'Волонтер года',
          criteria: ['Вклад и результат', 'Постоянство', 'Новизна'],
        },
        {
          scope: 'international',
          name: 'Международный волонтер года',
          criteria: ['Вклад', 'Сотрудничество'],
        },
      ],
    },
    at,
    true,
  );
  const jurors: number[] = [];
  for (const j of DEMO_JURORS) {
    const u = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', j.email)
      .executeTakeFirstOrThrow();
    jurors.push(Number(u.id));
    await seatJuror(db, admin, id, { user: Number(u.id), name: j.name }, at);
  }
  const round = await readRound(db, admin, id);
  const [domestic, international] = round.nominations.map((n) => n.id) as [number, number];
  // The platform's demo volunteer, when it was loaded, is one of the nominees (her record book lists the place).
  const aigerim = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', 'volunteer@demo.birgemiz.kz')
    .executeTakeFirst();
  const almaty = (await actorOf(database, 'rfo.almaty@demo.birgemiz.kz')) ?? admin;
  const astana = (await actorOf(database, 'rfo.astana@demo.birgemiz.kz')) ?? admin;
  const nominees: [Actor, number, string, string, string, number?][] = [
    [
      almaty,
      domestic,
      'KZ-75',
      'Айгерим Нурланова',
      'Организовала зимнюю помощь пожилым людям своего района (демо)',
      aigerim ? Number(aigerim.id) : undefined,
    ],
    [astana, domestic, 'KZ-71', 'Бауыржан Оспанов', 'Поисково-спасательный отряд: 40 выездов за год (демо)'],
    [
      admin,
      domestic,
      'KZ-10',
      'Дина Шаймерденова',
      'Курсы цифровой грамотности для пожилых в трёх сёлах (демо)',
    ],
    [
      admin,
      international,
      'KZ-75',
      'Anna Müller',
      'Учила волонтеров-переводчиков на международных играх (демо)',
    ],
    [
      admin,
      international,
      'KZ-71',
      'Kenji Sato',
      'Обмен опытом волонтерских центров Казахстана и Японии (демо)',
    ],
  ];
  const ids: number[] = [];
  for (const [who, nomination, region, name, justification, volunteer] of nominees)
    ids.push(
      (
        await enterNominee(
          db,
          who,
          id,
          { nomination, region, justification, ...(volunteer ? { volunteer } : { name }) },
          at,
        )
      ).id,
    );
  await moveRound(db, admin, id, 'scoring', at);
  const juror = (i: number): Actor => ({
    id: jurors[i] as number,
    role: 'juror',
    region: null,
    organizationId: null,
  });
  // Juror 2 knows the second nominee: he declares it and scores the others.
  await declareConflict(
    db,
    juror(1),
    id,
    { nominee: ids[1] as number, note: 'Работали в одном отряде (демо)' },
    at,
  );
  const scores: [number, number, number[]][] = [
    [0, 0, [9, 8, 7]],
    [1, 0, [8, 9, 8]],
    [2, 0, [9, 9, 6]],
    [0, 1, [9, 9, 8]],
    [2, 1, [8, 8, 8]],
    [0, 2, [7, 8, 9]],
    [1, 2, [7, 7, 9]],
    [2, 2, [8, 7, 8]],
    [0, 3, [8, 9]],
    [1, 3, [9, 8]],
    [2, 3, [8, 8]],
    [0, 4, [9, 7]],
    [1, 4, [8, 9]],
    [2, 4, [7, 8]],
  ];
  for (const [j, n, s] of scores)
    await scoreNominee(
      db,
      juror(j),
      id,
      { nominee: ids[n] as number, scores: s.map((score, criterion) => ({ criterion, score })) },
      at,
    );
  await moveRound(db, admin, id, 'closed', at);
  await moveRound(db, admin, id, 'published', at);
  return id;
}

/** The jurors' accounts (demo, role juror), then the letters and the round. */
export async function loadAwardsDemo(database: Database, at = new Date()): Promise<AwardsDemoSummary> {
  const now = at.toISOString();
  for (const j of DEMO_JURORS)
    await database.db
      .insertInto('app_user')
      .values({
        email: j.email,
        password_hash: await hashPassword(DEMO_PASSWORD),
        role: 'juror',
        region: null,
        organization_id: null,
        display_name: j.name,
        disabled: 0,
        is_demo: 1,
        created_at: now,
      })
      .execute();
  const letters = await lettersDemo(database, at);
  const round = await roundDemo(database, at);
  return { ...letters, round };
}
