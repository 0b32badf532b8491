// §9–10 of the annual report: the support of the regional front offices (by type, and how regularly
// each region mentions it) and the activities to develop volunteering.
import { share } from '../../../domain/report/maths.ts';
import { say } from '../../../domain/report/narrative.ts';
import { emptyFlow } from '../common.ts';
import type { AnnualReport } from '../reports.schemas.ts';
import type { AnnualContext } from './context.ts';

interface RegionSupport {
  events: number;
  months: Set<string>;
  types: Record<string, number>;
}

/** The support events summed by type, and by map unit (with the months they were mentioned in). */
function supportTotals(c: AnnualContext) {
  const types = new Map<string, number>();
  const byRegion = new Map<string, RegionSupport>();
  for (const s of c.data.support) {
    const u = c.map.target.get(s.region);
    if (!u) continue;
    types.set(s.support, (types.get(s.support) ?? 0) + s.events);
    const r = byRegion.get(u) ?? { events: 0, months: new Set<string>(), types: {} };
    r.events += s.events;
    r.months.add(s.period);
    r.types[s.support] = (r.types[s.support] ?? 0) + s.events;
    byRegion.set(u, r);
  }
  return { types, byRegion };
}

/** How regularly a region mentions support: in half its months with data or more, some, once, never. */
const supportLevel = (monthsMentioned: number, monthsWithData: number) =>
  monthsMentioned === 0
    ? 'none'
    : monthsMentioned === 1
      ? 'one_time'
      : monthsMentioned * 2 >= monthsWithData
        ? 'regular'
        : 'some';

export function rfoSupportOf(c: AnnualContext): AnnualReport['rfoSupport'] {
  const { ref, lang } = c;
  const { types, byRegion } = supportTotals(c);
  const mentions = [...types.values()].reduce((a, b) => a + b, 0);
  return {
    types: [...new Set([...ref.codes('rfo_support'), ...types.keys()])]
      .map((code) => ({
        support: code,
        name: ref.codeName('rfo_support', code),
        events: types.get(code) ?? 0,
        share: share(types.get(code) ?? 0, mentions),
      }))
      .sort((a, b) => b.events - a.events),
    byRegion: c.hasActivity.map((u) => {
      const r = byRegion.get(u);
      const m = r?.months.size ?? 0;
      const level = supportLevel(m, c.months.get(u)?.size ?? 0);
      return {
        region: u,
        name: c.name(u),
        events: r?.events ?? 0,
        monthsMentioned: m,
        level,
        types: r?.types ?? {},
      };
    }),
    levels: {
      regular: say(lang, 'level.regular'),
      some: say(lang, 'level.some'),
      one_time: say(lang, 'level.one_time'),
      none: say(lang, 'level.none'),
    },
  };
}

export function developmentOf(c: AnnualContext): AnnualReport['development'] {
  const rows = c.hasActivity
    .map((u) => {
      const f = c.roll.byRegionKind.get(`${u}|development`) ?? emptyFlow();
      return { region: u, name: c.name(u), events: f.events, volunteers: f.volunteers, hours: f.hours };
    })
    .sort((a, b) => b.events - a.events);
  const total = c.roll.byKind.get('development');
  const most = rows[0];
  const least = rows.length ? rows[rows.length - 1] : undefined;
  return {
    available: !!total,
    reason: total ? null : say(c.lang, 'note.noDevelopment', { year: c.year }),
    events: total ? total.events : null,
    volunteers: total ? total.volunteers : null,
    hours: total ? total.hours : null,
    byRegion: total ? rows : [],
    most: total && most ? { region: most.region, name: most.name, value: most.events } : null,
    least: total && least ? { region: least.region, name: least.name, value: least.events } : null,
  };
}
