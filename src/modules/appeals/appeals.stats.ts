// The appeals' figures (DOMAIN.md §8: "the monthly figures come from these records"): per month of
// a year (Kazakhstan time) and in total, how many came in and by which channel and topic, where they
// stand, the median times to the first answer and to the result, and how many missed the targets.
// Nothing personal: counts and times only, for staff and the government viewers. Appeals closed as
// duplicates or spam are no public interest and are left out (and counted apart).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { APPEAL_STATUSES, type AppealTargets, hoursBetween, isOpen } from '../../domain/appeal-rules.ts';
import { type Actor, listScope, requireActor } from '../../domain/policy.ts';
import { median, round } from '../../domain/report/maths.ts';
import { putCodeItem } from '../reference/reference.service.ts';
import type { SessionUser } from '../users/sessions.ts';
import { appealsReceived, notCounted, readTargets } from './appeals.repository.ts';
import type { MonthFigures, Monthly, TargetsBody } from './appeals.schemas.ts';

const KZ_OFFSET_MS = 5 * 3600_000;
const kzMonth = (iso: string) => new Date(Date.parse(iso) + KZ_OFFSET_MS).toISOString().slice(0, 7);

type Received = Awaited<ReturnType<typeof appealsReceived>>[number];

function counts(rows: Received[], key: (r: Received) => string, order?: readonly string[]) {
  const m = new Map<string, number>(order?.map((c) => [c, 0]));
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  const out = [...m].map(([code, count]) => ({ code, count }));
  return order ? out : out.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** The figures of a group of appeals at `now`. */
export function figuresOf(rows: Received[], targets: AppealTargets, now: Date): Omit<MonthFigures, 'month'> {
  const response = rows.map((r) => hoursBetween(r.received_at, r.first_response_at));
  const resolution = rows.map((r) =>
    r.status === 'resolved' ? hoursBetween(r.received_at, r.resolved_at) : null,
  );
  const age = (r: Received) => (now.getTime() - Date.parse(r.received_at)) / 3_600_000;
  let lateResponse = 0;
  let lateResolution = 0;
  let overdueNow = 0;
  rows.forEach((r, i) => {
    const h1 = response[i] ?? null;
    const h2 = resolution[i] ?? null;
    const open = isOpen(r.status);
    const responseLate =
      h1 !== null ? h1 > targets.firstResponseHours : open && age(r) > targets.firstResponseHours;
    const resolutionLate =
      h2 !== null ? h2 > targets.resolutionHours : open && age(r) > targets.resolutionHours;
    if (responseLate) lateResponse++;
    if (resolutionLate) lateResolution++;
    if (
      open &&
      ((r.first_response_at === null && age(r) > targets.firstResponseHours) ||
        age(r) > targets.resolutionHours)
    )
      overdueNow++;
  });
  const m1 = median(response.filter((h): h is number => h !== null));
  const m2 = median(resolution.filter((h): h is number => h !== null));
  return {
    received: rows.length,
    related: rows.filter((r) => Number(r.related) === 1).length,
    byStatus: counts(rows, (r) => r.status, APPEAL_STATUSES),
    byChannel: counts(rows, (r) => r.channel),
    byTopic: counts(rows, (r) => r.topic),
    medianResponseHours: m1 === null ? null : round(m1, 1),
    medianResolutionDays: m2 === null ? null : round(m2 / 24, 1),
    lateResponse,
    lateResolution,
    overdueNow,
  };
}

/** The year's months (Kazakhstan time) of the national office's or a region's appeals. */
export async function monthlyFigures(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  q: { year: number; region?: string | undefined },
  now = new Date(),
): Promise<Monthly> {
  const actor = requireActor(user);
  const scope = listScope(actor, 'appeals.stats', q.region ? { region: q.region } : {});
  const region = scope.region ?? q.region;
  const from = new Date(Date.parse(`${q.year}-01-01T00:00:00+05:00`)).toISOString();
  const to = new Date(Date.parse(`${q.year + 1}-01-01T00:00:00+05:00`)).toISOString();
  const [targets, all] = [await readTargets(db), await appealsReceived(db, from, to, region)];
  const rows = all.filter((r) => !notCounted(r));
  const months = Array.from({ length: 12 }, (_, i) => `${q.year}-${String(i + 1).padStart(2, '0')}`);
  const byMonth = new Map<string, Received[]>(months.map((m) => [m, []]));
  for (const r of rows) byMonth.get(kzMonth(r.received_at))?.push(r);
  return {
    year: q.year,
    region: region ?? null,
    targets,
    leftOut: all.length - rows.length,
    months: months.map((month) => ({ month, ...figuresOf(byMonth.get(month) ?? [], targets, now) })),
    total: figuresOf(rows, targets, now),
  };
}

/** The targets, for whoever reads the figures. */
export async function targetsFor(db: Kysely<DB>, user: Actor | null | undefined) {
  listScope(requireActor(user), 'appeals.stats');
  return readTargets(db);
}

/**
 * New targets: the national admin's change of reference data (code list appeal_target, through the
 * reference service: audited like any code).
 */
export async function setTargets(db: Kysely<DB>, user: SessionUser, body: TargetsBody) {
  const items = await db
    .selectFrom('code_list_item')
    .select(['code', 'name_kk', 'name_ru', 'name_en'])
    .where('list', '=', 'appeal_target')
    .execute();
  const names = (code: string) => {
    const i = items.find((x) => x.code === code);
    return { nameKk: i?.name_kk ?? code, nameRu: i?.name_ru ?? code, nameEn: i?.name_en ?? code };
  };
  await putCodeItem(db, user, 'appeal_target', 'first_response', {
    ...names('first_response'),
    active: true,
    attrs: { hours: body.firstResponseHours },
  });
  await putCodeItem(db, user, 'appeal_target', 'resolution', {
    ...names('resolution'),
    active: true,
    attrs: { hours: body.resolutionHours },
  });
  return readTargets(db);
}
