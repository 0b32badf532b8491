// The platform's demo (issue 11 item 9): verified organisations with opportunities in three regions,
// one waiting for verification, volunteers of all ages (a minor with the guardian's consent, one
// without), applications in every state, confirmed hours in the last three months — which land in
// those months' statistics as the platform's activity records — and an open dispute. Made through
// the platform's own services, at the times things would have happened, so that every rule,
// transition, trail and e-mail is the real one. Times are relative to the day of loading.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection.ts';
import type { DB } from '../../db/schema.ts';
import { withCheckDigit } from '../../domain/ids.ts';
import type { Actor } from '../../domain/policy.ts';
import { normalizeName } from '../../domain/text.ts';
import { CONSENT_VERSION } from '../../domain/volunteer-account.ts';
import { refreshAggregates } from '../aggregates/aggregates.service.ts';
import { accept, apply, decline, withdraw } from '../applications/applications.service.ts';
import { recordShiftAttendance } from '../applications/attendance.service.ts';
import { openDispute } from '../applications/disputes.service.ts';
import {
  cancelOpportunity,
  createOpportunity,
  publishOpportunity,
} from '../opportunities/opportunities.service.ts';
import { hashPassword } from '../users/passwords.ts';
import { DEMO_PASSWORD } from './demo.data.ts';

/** The platform's demo accounts (besides the coordinator of «Волонтеры Алматы», org@demo…). */
export const PLATFORM_DEMO_USERS = {
  volunteer: 'volunteer@demo.birgemiz.kz',
  minor: 'volunteer.minor@demo.birgemiz.kz',
  minorPending: 'volunteer.young@demo.birgemiz.kz',
  coordinatorAstana: 'org.astana@demo.birgemiz.kz',
  coordinatorPending: 'org.waiting@demo.birgemiz.kz',
} as const;

const DAY = 24 * 3600_000;

/** The volunteers beyond the named ones: name, birth year, gender, employment, [disability, non-resident]. */
const CROWD: [string, number, 'male' | 'female', string, boolean?, boolean?][] = [
  ['Ерлан Жумабаев', 1990, 'male', 'employed'],
  ['Мадина Ахметова', 2003, 'female', 'student'],
  ['Асель Нурланова', 2001, 'female', 'student'],
  ['Тимур Касымов', 1985, 'male', 'employed'],
  ['Гульнара Абенова', 1962, 'female', 'employed'],
  ['Сергей Ким', 1958, 'male', 'unemployed'],
  ['Айдана Серикова', 2005, 'female', 'student'],
  ['Нурсултан Беков', 1999, 'male', 'neet'],
  ['Ольга Петрова', 1979, 'female', 'employed', true],
  ['Бауыржан Оспанов', 2000, 'male', 'employed'],
  ['Жанна Мукашева', 1994, 'female', 'employed'],
  ['Arman Tulegenov', 1997, 'male', 'employed', false, true],
  ['Дина Шаймерденова', 2004, 'female', 'student'],
  ['Алихан Ермеков', 2002, 'male', 'student'],
  ['Сауле Жаксылыкова', 1968, 'female', 'unemployed'],
  ['Руслан Ибраев', 1988, 'male', 'employed'],
  ['Камила Рахимова', 2006, 'female', 'student'],
  ['Данияр Сейтказы', 1992, 'male', 'employed'],
];

type Db = Kysely<DB> | Transaction<DB>;

/** The demo's platform rows, found by its accounts: removed before a new load. */
export async function removePlatformDemo(trx: Transaction<DB>): Promise<void> {
  const demoUsers = (await trx.selectFrom('app_user').select('id').where('is_demo', '=', 1).execute()).map(
    (u) => Number(u.id),
  );
  if (demoUsers.length === 0) return;
  const opps = (
    await trx.selectFrom('opportunity').select('id').where('created_by', 'in', demoUsers).execute()
  ).map((o) => Number(o.id));
  const apps = trx
    .selectFrom('application')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('volunteer_id', 'in', demoUsers),
        ...(opps.length ? [eb('opportunity_id', 'in', opps)] : []),
      ]),
    );
  await trx.deleteFrom('hours_dispute').where('application_id', 'in', apps).execute();
  await trx.deleteFrom('application_event').where('application_id', 'in', apps).execute();
  await trx.deleteFrom('application').where('id', 'in', apps).execute();
  if (opps.length) {
    // The platform's activity records of these opportunities go with them.
    const keys = opps.map((id) => `platform:${id}:%`);
    const rows = await trx
      .selectFrom('activity')
      .select(['region', 'period'])
      .distinct()
      .where((eb) => eb.or(keys.map((k) => eb('row_key', 'like', k))))
      .execute();
    await trx
      .deleteFrom('activity')
      .where((eb) => eb.or(keys.map((k) => eb('row_key', 'like', k))))
      .execute();
    await refreshAggregates(trx, rows);
    await trx.deleteFrom('opportunity_shift').where('opportunity_id', 'in', opps).execute();
    await trx.deleteFrom('opportunity').where('id', 'in', opps).execute();
  }
  await trx.deleteFrom('platform_org').where('coordinator_id', 'in', demoUsers).execute();
  await trx.deleteFrom('volunteer_profile').where('user_id', 'in', demoUsers).execute();
}

interface Person {
  actor: Actor;
  name: string;
}

async function addUser(
  trx: Transaction<DB>,
  u: { email: string; role: 'volunteer' | 'org_coordinator'; name: string; now: string },
): Promise<number> {
  // Each its own hash (its own salt), as the staff's demo accounts.
  const hash = await hashPassword(DEMO_PASSWORD);
  const { id } = await trx
    .insertInto('app_user')
    .values({
      email: u.email,
      password_hash: hash,
      role: u.role,
      region: null,
      organization_id: null,
      display_name: u.name,
      disabled: 0,
      is_demo: 1,
      created_at: u.now,
      lang: 'ru',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

async function addProfile(
  trx: Transaction<DB>,
  userId: number,
  p: {
    name: string;
    birth: string;
    gender: string;
    region: string;
    employment: string;
    disability?: boolean | undefined;
    foreign?: boolean | undefined;
    guardian?: 'pending' | 'confirmed';
    now: string;
  },
) {
  await trx
    .insertInto('volunteer_profile')
    .values({
      user_id: userId,
      name: p.name,
      birth_date: p.birth,
      gender: p.gender,
      region: p.region,
      employment: p.employment,
      resident: p.foreign ? 0 : 1,
      disability: p.disability ? 1 : 0,
      skills: JSON.stringify(p.employment === 'student' ? ['английский язык', 'SMM'] : ['первая помощь']),
      languages: JSON.stringify(['kk', 'ru']),
      iin_hash: null,
      iin_last4: null,
      consent_version: CONSENT_VERSION,
      consent_at: p.now,
      email_confirmed_at: p.now,
      confirm_reminded_at: null,
      guardian_name: p.guardian ? 'Родитель (демо)' : null,
      guardian_email: p.guardian ? 'guardian@demo.birgemiz.kz' : null,
      guardian_status: p.guardian ?? 'not_required',
      guardian_confirmed_at: p.guardian === 'confirmed' ? p.now : null,
      lang: 'ru',
      created_at: p.now,
      erased_at: null,
    })
    .execute();
}

async function verifiedOrg(
  trx: Transaction<DB>,
  o: {
    organizationId: number;
    coordinatorId: number;
    name: string;
    type: string;
    bin: string | null;
    region: string;
    email: string;
    status?: 'verified' | 'pending';
    now: string;
  },
) {
  await trx
    .insertInto('platform_org')
    .values({
      organization_id: o.organizationId,
      status: o.status ?? 'verified',
      coordinator_id: o.coordinatorId,
      contact_name: 'Демо координатор',
      email: o.email,
      name: o.name,
      type: o.type,
      bin: o.bin,
      claim: 1,
      reason: null,
      registered_at: o.now,
      decided_at: o.status === 'pending' ? null : o.now,
      decided_by: null,
    })
    .execute();
  await trx
    .updateTable('app_user')
    .set(
      o.status === 'pending'
        ? { organization_id: null, region: null }
        : { organization_id: o.organizationId, region: o.region },
    )
    .where('id', '=', o.coordinatorId)
    .execute();
}

async function registryOrg(
  db: Db,
  name: string,
  type: string,
  region: string,
  bin: string | null,
  now: string,
) {
  const key = normalizeName(name);
  const found = await db
    .selectFrom('organization')
    .select('id')
    .where('region', '=', region)
    .where('type', '=', type)
    .where('name_key', '=', key)
    .executeTakeFirst();
  if (found) return Number(found.id);
  const { id } = await db
    .insertInto('organization')
    .values({ name, name_key: key, type, bin, region, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** A shift `days` from now (negative: past) at 10:00–14:00 in Kazakhstan. */
function shiftAt(now: Date, days: number, capacity: number) {
  const d = new Date(now.getTime() + days * DAY + 5 * 3600_000).toISOString().slice(0, 10);
  return { start: `${d}T10:00:00+05:00`, end: `${d}T14:00:00+05:00`, capacity };
}

/** The 12th of the month `back` months before now's month (Kazakhstan), 10:00–14:00. */
function pastShift(now: Date, back: number, capacity: number) {
  const kz = new Date(now.getTime() + 5 * 3600_000);
  const m = new Date(Date.UTC(kz.getUTCFullYear(), kz.getUTCMonth() - back, 12));
  const d = m.toISOString().slice(0, 10);
  return { start: `${d}T10:00:00+05:00`, end: `${d}T14:00:00+05:00`, capacity };
}

export interface PlatformDemoSummary {
  organizations: number;
  opportunities: number;
  volunteers: number;
  applications: number;
  confirmedHours: number;
}

/**
 * Loads the platform's demo after the monitoring demo (its coordinator account and «Волонтеры
 * Алматы» exist). Accounts and profiles are written in one transaction; then the services run, each
 * in its own, at the moment it would have happened.
 */
export async function loadPlatformDemo(database: Database, at = new Date()): Promise<PlatformDemoSummary> {
  const db = database.db;
  const now = at.toISOString();
  const setup = await db.transaction().execute(async (trx) => {
    const almatyCoordinator = await trx
      .selectFrom('app_user')
      .select(['id', 'organization_id', 'email'])
      .where('email', '=', 'org@demo.birgemiz.kz')
      .executeTakeFirstOrThrow();
    const almatyOrg = Number(almatyCoordinator.organization_id);
    // A real coordinator has claimed the demo's organisation on the platform: no platform demo.
    const claimed = await trx
      .selectFrom('platform_org')
      .select('organization_id')
      .where('organization_id', '=', almatyOrg)
      .executeTakeFirst();
    if (claimed) return null;
    const almaty = await trx
      .selectFrom('organization')
      .selectAll()
      .where('id', '=', almatyOrg)
      .executeTakeFirstOrThrow();
    await verifiedOrg(trx, {
      organizationId: almatyOrg,
      coordinatorId: Number(almatyCoordinator.id),
      name: almaty.name,
      type: almaty.type,
      bin: almaty.bin,
      region: almaty.region,
      email: almatyCoordinator.email,
      now,
    });
    const astanaCoordinator = await addUser(trx, {
      email: PLATFORM_DEMO_USERS.coordinatorAstana,
      role: 'org_coordinator',
      name: 'Демо координатор Астана',
      now,
    });
    // A BIN with its check digit that no other organisation of the registry holds.
    let astanaBin: string | null = null;
    for (let n = 1; !astanaBin; n++) {
      const bin = withCheckDigit(`1806400${String(n).padStart(4, '0')}`);
      if (
        bin &&
        !(await trx.selectFrom('organization').select('id').where('bin', '=', bin).executeTakeFirst())
      )
        astanaBin = bin;
    }
    const astanaName = 'ТОО «Зелёная Астана»';
    const astanaOrg = await registryOrg(trx, astanaName, 'company', 'KZ-71', astanaBin, now);
    await verifiedOrg(trx, {
      organizationId: astanaOrg,
      coordinatorId: astanaCoordinator,
      name: astanaName,
      type: 'company',
      bin: astanaBin,
      region: 'KZ-71',
      email: PLATFORM_DEMO_USERS.coordinatorAstana,
      now,
    });
    const waitingCoordinator = await addUser(trx, {
      email: PLATFORM_DEMO_USERS.coordinatorPending,
      role: 'org_coordinator',
      name: 'Демо координатор (ждёт проверки)',
      now,
    });
    const waitingName = 'Инициативная группа «Жастар Алматы»';
    const waitingOrg = await registryOrg(trx, waitingName, 'initiative_group', 'KZ-75', null, now);
    await verifiedOrg(trx, {
      organizationId: waitingOrg,
      coordinatorId: waitingCoordinator,
      name: waitingName,
      type: 'initiative_group',
      bin: null,
      region: 'KZ-75',
      email: PLATFORM_DEMO_USERS.coordinatorPending,
      status: 'pending',
      now,
    });
    const volunteer = async (email: string, p: Parameters<typeof addProfile>[2]): Promise<Person> => {
      const id = await addUser(trx, { email, role: 'volunteer', name: p.name, now });
      await addProfile(trx, id, p);
      return { actor: { id, role: 'volunteer', region: null, organizationId: null }, name: p.name };
    };
    const year = Number(now.slice(0, 4));
    const main = await volunteer(PLATFORM_DEMO_USERS.volunteer, {
      name: 'Айгерим Сапарова',
      birth: '1998-04-21',
      gender: 'female',
      region: 'KZ-75',
      employment: 'employed',
      now,
    });
    const minor = await volunteer(PLATFORM_DEMO_USERS.minor, {
      name: 'Данияр Ержанов',
      birth: `${year - 16}-02-10`,
      gender: 'male',
      region: 'KZ-75',
      employment: 'schoolchild',
      guardian: 'confirmed',
      now,
    });
    const young = await volunteer(PLATFORM_DEMO_USERS.minorPending, {
      name: 'Амина Болатова',
      birth: `${year - 15}-09-01`,
      gender: 'female',
      region: 'KZ-75',
      employment: 'schoolchild',
      guardian: 'pending',
      now,
    });
    const crowd: Person[] = [];
    for (const [i, [name, born, gender, employment, disability, foreign]] of CROWD.entries())
      crowd.push(
        await volunteer(`volunteer${i + 1}@demo.birgemiz.kz`, {
          name,
          birth: `${born}-0${(i % 9) + 1}-15`,
          gender,
          region: i % 3 === 0 ? 'KZ-71' : 'KZ-75',
          employment,
          disability,
          foreign,
          now,
        }),
      );
    const coordinator = (id: number, organizationId: number, region: string): Actor => ({
      id,
      role: 'org_coordinator',
      region,
      organizationId,
    });
    return {
      almaty: coordinator(Number(almatyCoordinator.id), almatyOrg, 'KZ-75'),
      astana: coordinator(astanaCoordinator, astanaOrg, 'KZ-71'),
      main,
      minor,
      young,
      crowd,
    };
  });

  if (!setup)
    return { organizations: 0, opportunities: 0, volunteers: 0, applications: 0, confirmedHours: 0 };
  const { almaty, astana, main, minor, crowd } = setup;
  const before = (iso: string, days: number) => new Date(Date.parse(iso) - days * DAY);
  const after = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000);
  let applications = 0;
  let confirmedHours = 0;

  /** An opportunity created and published a month before its first shift (or now, when sooner). */
  const publish = async (who: Actor, body: Parameters<typeof createOpportunity>[2]) => {
    const made = await createOpportunity(db, who, body);
    await publishOpportunity(db, who, made.id);
    return made;
  };

  // Past months: a park clean-up in Almaty (the monitoring demo's organiser) on the 12th of each of
  // the last three months, and an Astana company's help at a care home the last two; applications
  // a week before, accepted, attendance recorded after the shift (the latest month's two days ago,
  // so that it may still be disputed).
  const cleanup = await publish(almaty, {
    title: 'Субботник в парке Горького',
    description: 'Уборка аллей и посадка деревьев. Перчатки и инвентарь выдаём на месте.',
    area: 'taza_alem',
    region: 'KZ-75',
    format: 'offline',
    skills: ['физическая работа'],
    shifts: [pastShift(at, 3, 15), pastShift(at, 2, 15), pastShift(at, 1, 15)],
  });
  const careHome = await publish(astana, {
    title: 'Помощь в доме престарелых «Шапагат»',
    description: 'Прогулки, чтение вслух, помощь персоналу. Сотрудники компании и все желающие.',
    area: 'qamqor',
    region: 'KZ-71',
    format: 'offline',
    minAge: 16,
    shifts: [pastShift(at, 2, 10), pastShift(at, 1, 10)],
  });
  const past = [
    { opp: cleanup, who: almaty, people: [main, minor, ...crowd.filter((_, i) => i % 3 !== 0).slice(0, 9)] },
    { opp: careHome, who: astana, people: crowd.filter((_, i) => i % 3 === 0) },
  ];
  for (const { opp, who, people } of past) {
    const shifts = await db
      .selectFrom('opportunity_shift')
      .selectAll()
      .where('opportunity_id', '=', opp.id)
      .orderBy('start_at')
      .execute();
    for (const [k, s] of shifts.entries()) {
      const ids: number[] = [];
      for (const [j, p] of people.entries()) {
        if ((j + k) % 4 === 3) continue; // not everyone every month
        const a = await apply(db, p.actor, Number(s.id), before(s.start_at, 7));
        ids.push(a.id);
        applications++;
        await accept(db, who, a.id, before(s.start_at, 5));
      }
      const latest = k === shifts.length - 1;
      const when = latest
        ? new Date(Math.max(at.getTime() - 2 * DAY, Date.parse(s.end_at)))
        : after(s.end_at, 2);
      const entries = ids.map((application, j) => ({
        application,
        attended: j !== 2, // one no-show each time
        ...(j === 1 ? { hours: 3 } : {}),
      }));
      const done = await recordShiftAttendance(db, who, Number(s.id), { entries }, when);
      confirmedHours += done.hours;
    }
  }
  // The main volunteer disputes the latest clean-up's hours (the front office of Almaty settles).
  const mine = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .select(['a.id', 'a.status'])
    .where('a.volunteer_id', '=', main.actor.id)
    .where('a.opportunity_id', '=', cleanup.id)
    .orderBy('s.start_at', 'desc')
    .executeTakeFirst();
  if (mine && (mine.status === 'attended' || mine.status === 'no_show'))
    await openDispute(db, main.actor, Number(mine.id), {
      text: 'Я была на смене с 10:00 до 14:00 и помогала сажать деревья до конца.',
      claimedHours: 4,
    });

  // Coming: online lessons (three places) with applications in every open state; a marathon
  // volunteering day in Astana; one cancelled.
  const lessons = await publish(almaty, {
    title: 'Онлайн-уроки для сельских школьников',
    description: 'Помогаем с математикой и английским по видеосвязи, 2 часа в неделю.',
    area: 'bilim',
    region: 'KZ-75',
    format: 'online',
    skills: ['английский язык', 'математика'],
    shifts: [shiftAt(at, 7, 3), shiftAt(at, 14, 3)],
  });
  const [l1, l2] = lessons.shifts.map((s) => s.id) as [number, number];
  const people = [main, minor, ...crowd.slice(0, 6)];
  const appIds: number[] = [];
  for (const p of people) {
    const a = await apply(db, p.actor, l1, before(now, 3));
    appIds.push(a.id);
    applications++;
  }
  // The first three took the places (pending), the rest wait (waitlisted).
  await accept(db, almaty, appIds[0] as number, before(now, 2));
  await decline(
    db,
    almaty,
    appIds[1] as number,
    { reason: 'requirements_not_met', note: 'Нужен опыт репетиторства' },
    before(now, 2),
  );
  await withdraw(
    db,
    (people[2] as Person).actor,
    appIds[2] as number,
    { reason: 'not_available' },
    before(now, 1),
  );
  // Both freed places went to the first two on the waitlist as offers; the second shift has one pending.
  await apply(db, main.actor, l2, before(now, 1));
  applications++;

  const marathon = await publish(astana, {
    title: 'Волонтеры Астанинского марафона',
    description: 'Пункты питания, навигация участников, медали на финише.',
    area: 'saulyq',
    region: 'KZ-71',
    format: 'offline',
    probono: true,
    shifts: [shiftAt(at, 21, 40)],
  });
  for (const p of crowd.slice(6, 12)) {
    const a = await apply(db, p.actor, marathon.shifts[0]?.id as number, before(now, 1));
    applications++;
    if (p !== crowd[11]) await accept(db, astana, a.id, at);
  }
  const cancelled = await publish(almaty, {
    title: 'Книжная ярмарка во дворе',
    description: 'Сбор и обмен книг для детских библиотек.',
    area: 'culture_art',
    region: 'KZ-75',
    format: 'offline',
    shifts: [shiftAt(at, 10, 8)],
  });
  for (const p of crowd.slice(12, 14)) {
    await apply(db, p.actor, cancelled.shifts[0]?.id as number, before(now, 2));
    applications++;
  }
  await cancelOpportunity(db, almaty, cancelled.id, { reason: 'Площадка закрыта на ремонт' });

  return {
    organizations: 3,
    opportunities: 5,
    volunteers: 3 + CROWD.length,
    applications,
    confirmedHours: Math.round(confirmedHours * 100) / 100,
  };
}
