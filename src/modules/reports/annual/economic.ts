// §12 of the annual report: the economic contribution of volunteering. The valuation itself is
// domain code (domain/economic.ts); this file gives it the report's words: the valuations' labels,
// the assumptions made, the method, the FTE note and the wage table.
import {
  fte as fteOf,
  hourlyWage,
  type Valuation,
  valueHours,
  valueRange,
} from '../../../domain/economic.ts';
import type { Lang } from '../../../domain/lang.ts';
import { round, share, sumKnown } from '../../../domain/report/maths.ts';
import { say } from '../../../domain/report/narrative.ts';
import type { Economic } from '../reports.schemas.ts';
import { type AnnualContext, names } from './context.ts';
import { publishedNormNote } from './published.ts';

type WorkingTime = AnnualContext['data']['wt'];

/** Where the FTE norm comes from: the request, the working-time table, or the legal year. */
const fteSourceKey = (param: number | null, wt: WorkingTime) =>
  param ? 'economic.fteSourceParam' : wt?.fteHours ? 'economic.fteSourceTable' : 'economic.fteSourceLegal';

/** The valuations of the report: regional, by activity where possible, national. */
function valuationsOf(lang: Lang, v: Valuation): Economic['valuations'] {
  const out: Economic['valuations'] = [
    {
      key: 'regional',
      label: say(lang, 'valuation.regional'),
      rfoValueKzt: v.regional.rfoValueKzt,
      upliftValueKzt: v.upliftValueKzt,
      totalValueKzt: sumKnown([v.regional.rfoValueKzt, v.upliftValueKzt]),
      byRegion: v.regional.byRegion,
      byArea: [],
    },
  ];
  if (v.activity) {
    const a = v.activity;
    out.push({
      key: 'activity',
      label: say(lang, 'valuation.activity'),
      rfoValueKzt: a.rfoValueKzt,
      upliftValueKzt: a.upliftValueKzt,
      totalValueKzt: a.rfoValueKzt === null ? null : sumKnown([a.rfoValueKzt, a.upliftValueKzt]),
      byRegion: [],
      byArea: a.byArea,
    });
  }
  if (v.national)
    out.push({
      key: 'national',
      label: say(lang, 'valuation.national'),
      rfoValueKzt: v.national.valueKzt,
      upliftValueKzt: v.upliftValueKzt,
      totalValueKzt: sumKnown([v.national.valueKzt, v.upliftValueKzt]),
      byRegion: [],
      byArea: [],
    });
  return out;
}

/** The assumptions the valuation rests on, in the order the report lists them. */
function assumptionsOf(
  c: AnnualContext,
  v: Valuation,
  norm: number | null,
  totalHours: number | null,
): string[] {
  const { lang, ref, year } = c;
  const { wt } = c.data;
  const fteHours = c.opts.fteHours ?? null;
  const out: string[] = [];
  if (!wt) out.push(say(lang, 'note.noWorkingTime', { year }));
  else {
    // The table's norm is named by its own source when it has one.
    const source =
      !fteHours && wt.fteHours && wt.fteSource !== null
        ? wt.fteSource
        : say(lang, fteSourceKey(fteHours, wt));
    out.push(
      say(lang, 'economic.hourlyWage', { annual: wt.annualHours, source: wt.source }),
      say(lang, 'economic.fteNorm', { norm, source }),
    );
  }
  const { nationalFallback, noWage } = v.regional;
  if (nationalFallback.length)
    out.push(say(lang, 'note.nationalWage', { year, regions: names(ref, nationalFallback) }));
  if (noWage.length) out.push(say(lang, 'note.noWage', { regions: names(ref, noWage) }));
  if (v.unaccounted.length) out.push(say(lang, 'economic.unaccountedNational'));
  const unmapped = v.activity?.unmapped ?? [];
  if (unmapped.length)
    out.push(
      say(lang, 'economic.unmappedAreas', { areas: unmapped.map((a) => ref.codeName('area', a)).join(', ') }),
    );
  if (year === 2022 && totalHours !== null) out.push(publishedNormNote(lang));
  return out;
}

/** The wage rows the valuation used, with what it used each for. */
function wageTableOf(c: AnnualContext, v: Valuation, annual: number | null): Economic['wageTable'] {
  const used = (w: { region: string; activity: string }) => v.usedFor.get(`${w.region}|${w.activity}`);
  return c.data.wages
    .filter((w) => used(w))
    .map((w) => ({
      region: w.region,
      activity: w.activity,
      monthlyWageKzt: w.monthly,
      hourlyWageKzt: hourlyWage(w.monthly, annual) ?? 0,
      source: w.source,
      usedFor: [...(used(w) ?? [])],
    }))
    .filter(() => annual !== null)
    .sort((a, b) => a.activity.localeCompare(b.activity) || a.region.localeCompare(b.region));
}

/** The area → type of economic activity mapping of the area code list. */
function areaActivities(c: AnnualContext): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const it of c.ref.lists.get('area') ?? []) {
    const a = it.attrs?.activity;
    out.set(it.code, typeof a === 'string' ? a : null);
  }
  return out;
}

/** The sentence that explains the FTE figure, or why there is none. */
function fteNoteOf(
  c: AnnualContext,
  norm: number | null,
  fte: number | null,
  totalHours: number | null,
): string {
  const { lang } = c;
  if (norm === null) return say(lang, 'economic.noNorm');
  if (fte === null || totalHours === null) return say(lang, 'economic.noFte');
  const source = say(lang, fteSourceKey(c.opts.fteHours ?? null, c.data.wt));
  return say(lang, 'economic.fteNote', { hours: Math.round(totalHours), norm, fte, source });
}

export function economicOf(c: AnnualContext): Economic {
  const { lang, year, data } = c;
  const { wt } = data;
  const fteHours = c.opts.fteHours ?? null;
  const annual = wt?.annualHours ?? null;
  const norm = fteHours ?? wt?.fteHours ?? wt?.annualHours ?? null;
  const rfoHours = c.noData ? null : c.roll.national.hours;
  const upliftHours = data.unaccounted.length ? data.unaccounted.reduce((s, u) => s + u.hours, 0) : null;
  const totalHours = sumKnown([rfoHours, upliftHours]);
  const v = valueHours({
    rows: data.rows,
    onMap: (region) => c.map.target.has(region),
    wages: data.wages,
    annualHours: annual,
    unaccounted: data.unaccounted,
    areaActivity: areaActivities(c),
    noData: c.noData,
    rfoHours,
  });
  const valuations = valuationsOf(lang, v);
  const regional = valuations[0];
  const { range, basis } = valueRange(
    { rfoValueKzt: regional?.rfoValueKzt ?? null, totalValueKzt: regional?.totalValueKzt ?? null },
    valuations.find((x) => x.key === 'activity')?.totalValueKzt,
  );
  const fte = fteOf(totalHours, norm);
  return {
    hours: rfoHours,
    unaccountedHours: upliftHours,
    totalHours,
    valueKzt: regional?.totalValueKzt ?? null,
    valueRangeKzt: range,
    annualHoursNorm: norm,
    fte,
    valueRangeBnKzt: range ? [round(range[0] / 1e9, 1), round(range[1] / 1e9, 1)] : null,
    fteNote: fteNoteOf(c, norm, fte, totalHours),
    method: say(lang, 'economic.method'),
    workingTime: {
      year,
      monthlyHours: wt?.monthlyHours ?? null,
      annualHours: annual,
      source: wt?.source ?? null,
      fteHours: norm,
      fteSource: fteHours ? 'parameter fteHours' : (wt?.fteSource ?? wt?.source ?? null),
    },
    valuations,
    rfoValueKzt: regional?.rfoValueKzt ?? null,
    upliftValueKzt: v.upliftValueKzt,
    upliftShare: share(upliftHours, rfoHours),
    unaccounted: v.unaccounted,
    wageTable: wageTableOf(c, v, annual),
    assumptions: assumptionsOf(c, v, norm, totalHours),
    reportRange: say(
      lang,
      basis === 'activity'
        ? 'economic.rangeActivity'
        : basis === 'regional'
          ? 'economic.rangeRegional'
          : 'economic.notComputable',
    ),
    missingRegions: { wage: [...v.regional.nationalFallback, ...v.regional.noWage], hours: [] },
  };
}
