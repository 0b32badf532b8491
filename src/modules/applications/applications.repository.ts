// Queries of applications: the locks that keep a shift's capacity (the shift's row, and the
// volunteer's account for the limits across shifts), the places taken, the volunteer's open and
// overlapping applications, the waitlist, writes that name the version they expect, and the trail.
import { type Kysely, PostgresAdapter, type Selectable, sql, type Transaction } from 'kysely';
import type { ApplicationEventTable, ApplicationTable, DB } from '../../db/schema.ts';
import type { ApplicationStatus } from './applications.schemas.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type ApplicationRow = Selectable<ApplicationTable>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Statuses that hold a place of the shift (a waitlisted one holds one while its offer runs). */
export const HOLDING: ApplicationStatus[] = ['pending', 'accepted', 'attended', 'no_show'];
/** Statuses still open: they count toward the volunteer's limit. */
export const OPEN: ApplicationStatus[] = ['pending', 'waitlisted', 'accepted'];

/**
 * Locks the volunteer's account row until the transaction ends (PostgreSQL; SQLite runs one write
 * transaction at a time): one volunteer's applications are decided one after another, so that the
 * limit of open applications and the overlap rule hold under a script applying everywhere at once.
 */
export async function lockVolunteer(trx: Transaction<DB>, userId: number): Promise<void> {
  if (!isPostgres(trx)) return;
  await trx.selectFrom('app_user').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
}

/** Locks every shift of these opportunities, in id order (PostgreSQL; SQLite has one writer). */
export async function lockShifts(trx: Transaction<DB>, opportunityIds: number[]): Promise<void> {
  if (!isPostgres(trx) || opportunityIds.length === 0) return;
  await trx
    .selectFrom('opportunity_shift')
    .select('id')
    .where('opportunity_id', 'in', opportunityIds)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export interface ShiftContext {
  shiftId: number;
  start: string;
  end: string;
  capacity: number;
  opportunityId: number;
  opportunityStatus: string;
  title: string;
  region: string;
  area: string;
  minAge: number;
  probono: boolean;
  /** The training a risk area requires (applicants confirm having it), or null. */
  training: string | null;
  organizationId: number;
  organizationName: string;
  organizationType: string;
  orgStatus: string | null;
  coordinatorId: number | null;
}

/** The shift with its opportunity and organisation; locked (PostgreSQL) when `lock`. */
export async function findShift(db: Db, shiftId: number, lock = false): Promise<ShiftContext | undefined> {
  if (lock && isPostgres(db))
    await db
      .selectFrom('opportunity_shift')
      .select('id')
      .where('id', '=', shiftId)
      .forUpdate()
      .executeTakeFirst();
  const r = await db
    .selectFrom('opportunity_shift as s')
    .innerJoin('opportunity as o', 'o.id', 's.opportunity_id')
    .innerJoin('organization as g', 'g.id', 'o.organization_id')
    .leftJoin('platform_org as p', 'p.organization_id', 'o.organization_id')
    .select([
      's.id',
      's.start_at',
      's.end_at',
      's.capacity',
      'o.id as opportunity_id',
      'o.status',
      'o.title',
      'o.region',
      'o.area',
      'o.min_age',
      'o.probono',
      'o.training',
      'o.organization_id',
      'g.name as org_name',
      'g.type as org_type',
      'p.status as org_status',
      'p.coordinator_id',
    ])
    .where('s.id', '=', shiftId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    shiftId: Number(r.id),
    start: r.start_at,
    end: r.end_at,
    capacity: Number(r.capacity),
    opportunityId: Number(r.opportunity_id),
    opportunityStatus: r.status,
    title: r.title,
    region: r.region,
    area: r.area,
    minAge: Number(r.min_age),
    probono: Number(r.probono) === 1,
    training: r.training ?? null,
    organizationId: Number(r.organization_id),
    organizationName: r.org_name,
    organizationType: r.org_type,
    orgStatus: r.org_status ?? null,
    coordinatorId:
      r.coordinator_id === null || r.coordinator_id === undefined ? null : Number(r.coordinator_id),
  };
}

/** Places taken on each shift: holding statuses, and waitlisted ones whose offer still runs. */
export async function takenByShift(db: Db, shiftIds: number[], now: string): Promise<Map<number, number>> {
  const taken = new Map<number, number>();
  if (shiftIds.length === 0) return taken;
  const rows = await db
    .selectFrom('application')
    .select(['shift_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('shift_id', 'in', shiftIds)
    .where((eb) =>
      eb.or([
        eb('status', 'in', HOLDING),
        eb.and([eb('status', '=', 'waitlisted'), eb('offer_expires_at', '>', now)]),
      ]),
    )
    .groupBy('shift_id')
    .execute();
  for (const r of rows) taken.set(Number(r.shift_id), Number(r.n));
  return taken;
}

export const findApplication = (db: Db, id: number) =>
  db.selectFrom('application').selectAll().where('id', '=', id).executeTakeFirst();

export const findApplicationOf = (db: Db, shiftId: number, volunteerId: number) =>
  db
    .selectFrom('application')
    .selectAll()
    .where('shift_id', '=', shiftId)
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();

/** The volunteer's open applications to shifts not yet ended. */
export async function countOpen(db: Db, volunteerId: number, now: string): Promise<number> {
  const r = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.volunteer_id', '=', volunteerId)
    .where('a.status', 'in', OPEN)
    .where('s.end_at', '>', now)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** An accepted shift of the volunteer overlapping [start, end), other than `shiftId`. */
export const overlappingAccepted = (
  db: Db,
  volunteerId: number,
  start: string,
  end: string,
  shiftId: number,
) =>
  db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .select(['a.id', 's.id as shift_id', 's.start_at', 's.end_at', 'o.title'])
    .where('a.volunteer_id', '=', volunteerId)
    .where('a.status', '=', 'accepted')
    .where('s.id', '!=', shiftId)
    .where('s.start_at', '<', end)
    .where('s.end_at', '>', start)
    .executeTakeFirst();

/** The first on the shift's waitlist without an offer, by the order they applied in. */
export const nextWaitlisted = (db: Db, shiftId: number) =>
  db
    .selectFrom('application')
    .selectAll()
    .where('shift_id', '=', shiftId)
    .where('status', '=', 'waitlisted')
    .where('offer_expires_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();

export async function insertApplication(
  trx: Transaction<DB>,
  v: {
    shift_id: number;
    opportunity_id: number;
    volunteer_id: number;
    status: ApplicationStatus;
    now: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('application')
    .values({
      shift_id: v.shift_id,
      opportunity_id: v.opportunity_id,
      volunteer_id: v.volunteer_id,
      status: v.status,
      reason: null,
      note: null,
      offer_expires_at: null,
      hours: null,
      attendance_at: null,
      revoked_at: null,
      cohort: null,
      gender: null,
      age_band: null,
      employment: null,
      created_at: v.now,
      updated_at: v.now,
      answered_at: null,
      reminded_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Writes `changes` if the application is still at `version`; whether it was. */
export async function updateApplication(
  trx: Transaction<DB>,
  id: number,
  version: number,
  changes: Partial<Omit<ApplicationRow, 'id' | 'version'>>,
): Promise<boolean> {
  const r = await trx
    .updateTable('application')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** One application's recorded attendance, for markAttendanceMany. */
export interface AttendanceMark {
  id: number;
  version: number;
  status: 'attended' | 'no_show';
  hours: number | null;
  cohort: string | null;
  gender: string | null;
  age_band: string | null;
  employment: string | null;
}

/**
 * Records many applications' attendance in a few statements (UPDATE … FROM VALUES, on both
 * databases), each only if still at the version read; how many were written.
 */
export async function markAttendanceMany(
  trx: Transaction<DB>,
  marks: AttendanceMark[],
  now: string,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < marks.length; i += 250) {
    const rows = marks
      .slice(i, i + 250)
      .map(
        (m) =>
          sql`(${m.id}, ${m.version}, ${m.status}, ${m.hours}, ${m.cohort}, ${m.gender}, ${m.age_band}, ${m.employment})`,
      );
    const r = await sql`
      update application set
        status = cast(v.column3 as text),
        hours = cast(v.column4 as double precision),
        cohort = cast(v.column5 as text),
        gender = cast(v.column6 as text),
        age_band = cast(v.column7 as text),
        employment = cast(v.column8 as text),
        attendance_at = ${now},
        updated_at = ${now},
        version = application.version + 1
      from (values ${sql.join(rows)}) as v
      where application.id = cast(v.column1 as integer) and application.version = cast(v.column2 as integer)`.execute(
      trx,
    );
    written += Number(r.numAffectedRows ?? 0);
  }
  return written;
}

/** E-mail, language, name and whether disabled, of many users at once. */
export async function recipientsOf(db: Db, ids: number[]) {
  const out = new Map<number, Awaited<ReturnType<typeof recipientOf>>>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('app_user as u')
      .leftJoin('volunteer_profile as v', 'v.user_id', 'u.id')
      .select(['u.id', 'u.email', 'u.lang', 'u.disabled', 'u.notify_optional', 'v.name', 'v.lang as vlang'])
      .where('u.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const { id, ...r } of rows) out.set(Number(id), r);
  }
  return out;
}

export type EventInput = Omit<Selectable<ApplicationEventTable>, 'id'>;

export async function insertEvents(trx: Transaction<DB>, events: EventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500)
    await trx
      .insertInto('application_event')
      .values(events.slice(i, i + 500))
      .execute();
}

export const eventsOf = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('application_event as e')
        .leftJoin('app_user as u', 'u.id', 'e.by_user')
        .selectAll('e')
        .select('u.role')
        .where('e.application_id', 'in', ids)
        .orderBy('e.application_id')
        .orderBy('e.id')
        .execute();

/** The volunteer's applications with their shift and opportunity, newest shift first. */
export const listOfVolunteer = (db: Db, volunteerId: number) =>
  db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .innerJoin('organization as g', 'g.id', 'o.organization_id')
    .selectAll('a')
    .select(['s.start_at', 's.end_at', 'o.title', 'o.region', 'o.area', 'g.name as org_name'])
    .where('a.volunteer_id', '=', volunteerId)
    .orderBy('s.start_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(1000)
    .execute();

/** The applications to an opportunity with the applicant's profile (name, birth date, skills). */
export const listOfOpportunity = (db: Db, opportunityId: number) =>
  db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .leftJoin('volunteer_profile as v', 'v.user_id', 'a.volunteer_id')
    .selectAll('a')
    .select(['s.start_at', 'v.name', 'v.birth_date', 'v.guardian_status', 'v.skills'])
    .where('a.opportunity_id', '=', opportunityId)
    .orderBy('s.start_at')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();

export const shiftsOfOpportunity = (db: Db, opportunityId: number) =>
  db
    .selectFrom('opportunity_shift')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .orderBy('start_at')
    .orderBy('id')
    .execute();

/** Applications of the opportunity still open (pending, waitlisted, accepted), with the applicant's e-mail. */
export const openOfOpportunities = (db: Db, opportunityIds: number[], from?: string) => {
  let q = db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('app_user as u', 'u.id', 'a.volunteer_id')
    .selectAll('a')
    .select(['s.start_at', 'u.email', 'u.lang'])
    .where('a.opportunity_id', 'in', opportunityIds)
    .where('a.status', 'in', OPEN);
  if (from) q = q.where('s.start_at', '>', from);
  return q.orderBy('a.id').execute();
};

export const opportunitiesOfOrganization = async (db: Db, organizationId: number) =>
  (
    await db.selectFrom('opportunity').select('id').where('organization_id', '=', organizationId).execute()
  ).map((r) => Number(r.id));

/** The volunteer's e-mail, language and name. */
export const recipientOf = (db: Db, userId: number) =>
  db
    .selectFrom('app_user as u')
    .leftJoin('volunteer_profile as v', 'v.user_id', 'u.id')
    .select(['u.email', 'u.lang', 'u.disabled', 'u.notify_optional', 'v.name', 'v.lang as vlang'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
