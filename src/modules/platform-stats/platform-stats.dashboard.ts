// The platform's figures on the public dashboard (issue 11 item 7), by region and by area:
// organisations verified on the platform, published opportunities, the places of shifts not yet
// started (offered and free), applications by status and the hours confirmed. A handful of grouped
// queries over the platform's tables, whatever their size; the route caches the answer for the data
// version (every platform table bumps it) and the hour (places depend on the time).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Lang } from '../../domain/lang.ts';
import { loadRef } from '../reports/common.ts';
import type { PlatformDashboard, PlatformFigures } from './platform-stats.schemas.ts';

export const APPLICATION_STATUSES = [
  'pending',
  'waitlisted',
  'accepted',
  'declined',
  'withdrawn',
  'attended',
  'no_show',
] as const;
type AppStatus = (typeof APPLICATION_STATUSES)[number];

/** Applications that hold a place of their shift. */
const TAKING: ('pending' | 'accepted' | 'attended')[] = ['pending', 'accepted', 'attended'];

const emptyFigures = (): PlatformFigures => ({
  organizations: 0,
  opportunities: 0,
  placesOffered: 0,
  placesFree: 0,
  applications: Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<AppStatus, number>,
  applicationsTotal: 0,
  confirmedHours: 0,
});

/** The platform's figures now (national, or of one region), by region and by area. */
export async function platformDashboard(
  db: Kysely<DB>,
  opts: { region: string | null; lang: Lang; now: string },
): Promise<PlatformDashboard> {
  const region = opts.region;
  const byRegion = new Map<string, PlatformFigures>();
  const byArea = new Map<string, PlatformFigures>();
  const total = emptyFigures();
  const cell = (m: Map<string, PlatformFigures>, k: string) => {
    let f = m.get(k);
    if (!f) {
      f = emptyFigures();
      m.set(k, f);
    }
    return f;
  };
  const only = <Q extends { where: (...a: any[]) => Q }>(q: Q, column: string): Q =>
    region ? q.where(column, '=', region) : q;

  // Organisations verified on the platform, by the region of their registry entry.
  const orgs = await only(
    db
      .selectFrom('platform_org as p')
      .innerJoin('organization as o', 'o.id', 'p.organization_id')
      .select((eb) => ['o.region', eb.fn.countAll<number>().as('n')])
      .where('p.status', '=', 'verified')
      .groupBy('o.region') as any,
    'o.region',
  ).execute();
  for (const r of orgs as { region: string; n: number }[]) {
    cell(byRegion, r.region).organizations += Number(r.n);
    total.organizations += Number(r.n);
  }

  // Published opportunities of verified organisations; by area, the organisations offering them.
  const published = () =>
    db
      .selectFrom('opportunity as op')
      .innerJoin('platform_org as p', 'p.organization_id', 'op.organization_id')
      .where('op.status', '=', 'published')
      .where('p.status', '=', 'verified');
  const opps = await only(
    published()
      .select((eb) => [
        'op.region',
        'op.area',
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('op.organization_id').distinct().as('orgs'),
      ])
      .groupBy(['op.region', 'op.area']) as any,
    'op.region',
  ).execute();
  for (const r of opps as { region: string; area: string; n: number; orgs: number }[]) {
    cell(byRegion, r.region).opportunities += Number(r.n);
    cell(byArea, r.area).opportunities += Number(r.n);
    total.opportunities += Number(r.n);
  }
  const areaOrgs = await only(
    published()
      .select((eb) => ['op.area', eb.fn.count<number>('op.organization_id').distinct().as('n')])
      .groupBy('op.area') as any,
    'op.region',
  ).execute();
  for (const r of areaOrgs as { area: string; n: number }[]) cell(byArea, r.area).organizations = Number(r.n);

  // Places of the shifts not yet started, and those taken by applications holding one.
  const places = await only(
    published()
      .innerJoin('opportunity_shift as s', 's.opportunity_id', 'op.id')
      .select((eb) => ['op.region', 'op.area', eb.fn.sum<number>('s.capacity').as('n')])
      .where('s.start_at', '>', opts.now)
      .groupBy(['op.region', 'op.area']) as any,
    'op.region',
  ).execute();
  const taken = await only(
    published()
      .innerJoin('opportunity_shift as s', 's.opportunity_id', 'op.id')
      .innerJoin('application as a', 'a.shift_id', 's.id')
      .select((eb) => ['op.region', 'op.area', eb.fn.countAll<number>().as('n')])
      .where('s.start_at', '>', opts.now)
      .where('a.status', 'in', TAKING)
      .groupBy(['op.region', 'op.area']) as any,
    'op.region',
  ).execute();
  for (const r of places as { region: string; area: string; n: number }[]) {
    for (const f of [cell(byRegion, r.region), cell(byArea, r.area), total]) {
      f.placesOffered += Number(r.n);
      f.placesFree += Number(r.n);
    }
  }
  for (const r of taken as { region: string; area: string; n: number }[]) {
    for (const f of [cell(byRegion, r.region), cell(byArea, r.area), total]) f.placesFree -= Number(r.n);
  }

  // Applications by status and the confirmed hours, of every opportunity (history included).
  const apps = await only(
    db
      .selectFrom('application as a')
      .innerJoin('opportunity as op', 'op.id', 'a.opportunity_id')
      .select((eb) => [
        'op.region',
        'op.area',
        'a.status',
        eb.fn.countAll<number>().as('n'),
        eb.fn
          .sum<number>(eb.case().when('a.revoked_at', 'is', null).then(eb.ref('a.hours')).else(0).end())
          .as('hours'),
      ])
      .groupBy(['op.region', 'op.area', 'a.status']) as any,
    'op.region',
  ).execute();
  for (const r of apps as {
    region: string;
    area: string;
    status: string;
    n: number;
    hours: number | null;
  }[]) {
    for (const f of [cell(byRegion, r.region), cell(byArea, r.area), total]) {
      if ((APPLICATION_STATUSES as readonly string[]).includes(r.status))
        f.applications[r.status as AppStatus] += Number(r.n);
      f.applicationsTotal += Number(r.n);
      if (r.status === 'attended') f.confirmedHours += Number(r.hours ?? 0);
    }
  }
  for (const f of [total, ...byRegion.values(), ...byArea.values()]) {
    f.confirmedHours = Math.round(f.confirmedHours * 100) / 100;
    f.placesFree = Math.max(0, f.placesFree);
  }

  const ref = await loadRef(db, Number(opts.now.slice(0, 4)), 'current', opts.lang);
  const unitName = (code: string) => ref.unitName(code);
  const areaName = (code: string) => ref.codeName('area', code);
  return {
    region,
    asOf: opts.now,
    total,
    byRegion: [...byRegion]
      .map(([code, f]) => ({ region: code, name: unitName(code), ...f }))
      .sort((a, b) => a.region.localeCompare(b.region)),
    byArea: [...byArea]
      .map(([code, f]) => ({ area: code, name: areaName(code), ...f }))
      .sort((a, b) => b.confirmedHours - a.confirmedHours || a.area.localeCompare(b.area)),
  };
}
