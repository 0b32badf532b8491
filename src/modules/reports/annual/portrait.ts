// §2–3 of the annual report: the national portrait of volunteers (gender, age, employment, change
// by region) and the regional one (where women or men prevail, the extremes of each category).
import { extreme, isNum } from '../../../domain/report/maths.ts';
import { nationalDim } from '../common.ts';
import type { AnnualReport, RegionRow } from '../reports.schemas.ts';
import type { AnnualContext } from './context.ts';

/** The regions ranked by their change in volunteers: growth first, then decrease. */
function changes(regions: RegionRow[]): AnnualReport['portrait']['change'] {
  const all = regions
    .filter((r) => r.volunteersChange !== null)
    .map((r) => ({ region: r.region, name: r.name, value: r.volunteersChange as number }));
  const growth = all.filter((c) => c.value > 0).sort((a, b) => b.value - a.value);
  const decrease = all.filter((c) => c.value < 0).sort((a, b) => a.value - b.value);
  return {
    comparableRegions: all.map((c) => c.region),
    largestGrowth: growth[0] ?? null,
    largestDecrease: decrease[0] ?? null,
    growth,
    decrease,
  };
}

export function portraitOf(c: AnnualContext, regions: RegionRow[]): AnnualReport['portrait'] {
  const { ref, cur, units } = c;
  const gNat = nationalDim(cur, units, 'gender', c.genders, (x) => ref.codeName('gender', x));
  const aNat = nationalDim(cur, units, 'age_band', c.bands, (x) => ref.codeName('age_band', x));
  const eNat = nationalDim(cur, units, 'employment', c.employment, (x) => ref.codeName('employment', x));
  return {
    gender: gNat.rows,
    ageBands: aNat.rows,
    employment: eNat.rows,
    missingRegions: { gender: gNat.missing, ageBands: aNat.missing, employment: eNat.missing },
    change: changes(regions),
  };
}

/** The regions where one gender prevails, by its share. */
const prevailingGender = (regions: RegionRow[], key: 'female' | 'male') =>
  regions
    .filter((r) => r.genderPrevailing === key)
    .map((r) => ({ region: r.region, name: r.name, value: r.gender[key] as number }))
    .sort((a, b) => b.value - a.value);

/** The regions with the highest and lowest share of each category of a dimension. */
function categoryExtremes(
  c: AnnualContext,
  regions: RegionRow[],
  field: 'ageBands' | 'employment',
  list: string,
  cats: string[],
) {
  return cats.map((cat) => {
    const rs = regions.filter((r) => isNum(r[field][cat]));
    const hi = extreme(rs, (r) => r[field][cat] ?? null, 'max');
    const lo = extreme(rs, (r) => r[field][cat] ?? null, 'min');
    return {
      category: cat,
      name: c.ref.codeName(list, cat),
      highest: hi ? { region: hi.region, name: hi.name, share: hi[field][cat] as number } : null,
      lowest: lo ? { region: lo.region, name: lo.name, share: lo[field][cat] as number } : null,
    };
  });
}

export function regionalPortraitOf(c: AnnualContext, regions: RegionRow[]): AnnualReport['regionalPortrait'] {
  return {
    femalePrevailing: prevailingGender(regions, 'female'),
    malePrevailing: prevailingGender(regions, 'male'),
    equal: regions
      .filter((r) => r.genderPrevailing === 'equal')
      .map((r) => ({ region: r.region, name: r.name, value: r.gender.female as number })),
    ageBandExtremes: categoryExtremes(c, regions, 'ageBands', 'age_band', c.bands),
    employmentExtremes: categoryExtremes(c, regions, 'employment', 'employment', c.employment),
    volunteersShareTop: regions
      .filter((r) => r.volunteersShare !== null)
      .map((r) => ({ region: r.region, name: r.name, value: r.volunteersShare as number }))
      .sort((a, b) => b.value - a.value),
  };
}
