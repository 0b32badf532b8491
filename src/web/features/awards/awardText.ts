// The reasons of a candidate or a letter in the reader's language ("7 h; participations: 1; …"), and
// the half-years the award pages offer.
import type { Lang } from '../../../domain/lang.ts';
import type { OrgFigures, VolunteerFigures } from '../../../modules/awards/letters.schemas.ts';
import { formatHours, formatNumber } from '../../lib/format.ts';
import type { T } from '../../lib/i18n.ts';

export function volunteerReasons(t: T, lang: Lang, f: VolunteerFigures): string {
  const parts = [
    t('awards.reasons.volunteer', {
      hours: formatHours(f.hours, lang),
      participations: formatNumber(f.participations, lang),
      organizations: formatNumber(f.organizations, lang),
    }),
  ];
  if (f.assessment)
    parts.push(
      t('awards.reasons.assessment', {
        average: formatNumber(f.assessment.average, lang, 1),
        count: formatNumber(f.assessment.count, lang),
      }),
    );
  if (f.noShows > 0) parts.push(t('awards.reasons.noShows', { count: formatNumber(f.noShows, lang) }));
  return parts.join('; ');
}

export function organizationReasons(t: T, lang: Lang, f: OrgFigures): string {
  return t('awards.reasons.organization', {
    records: formatNumber(f.records, lang),
    months: formatNumber(f.months, lang),
    volunteers: formatNumber(f.volunteers, lang),
    hours: formatHours(f.hours, lang),
    onTime: formatNumber(f.onTime, lang),
    beneficiaries: formatNumber(f.beneficiariesReported, lang),
  });
}

export const isVolunteerFigures = (f: VolunteerFigures | OrgFigures): f is VolunteerFigures =>
  'participations' in f;

/** The half-years from the current one back, newest first (Kazakhstan time decides "current"). */
export function recentHalfYears(count: number, now = new Date()): string[] {
  const kz = new Date(now.getTime() + 5 * 3600_000);
  let year = kz.getUTCFullYear();
  let half = kz.getUTCMonth() < 6 ? 1 : 2;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-H${half}`);
    if (half === 2) half = 1;
    else {
      half = 2;
      year--;
    }
  }
  return out;
}
