// §13 of the annual report: the appeals to the information centre — by gender, channel, topic,
// status, region and country — and the median times to a first response and to resolution.
import { median, round, share } from '../../../domain/report/maths.ts';
import { say } from '../../../domain/report/narrative.ts';
import type { Ref } from '../common.ts';
import type { AppealRow, AppealTimes } from '../reports.repository.ts';
import type { AnnualReport } from '../reports.schemas.ts';

type Appeals = AnnualReport['appeals'];

/** The name of a group's code: the list's name, a region's, or the catalogue's for unknown and abroad. */
function groupName(ref: Ref, code: string, list: string | null): string {
  if (code === 'unknown' || code === 'abroad') return say(ref.lang, `appeals.${code}`);
  if (list) return ref.codeName(list, code);
  return code.startsWith('KZ-') ? ref.unitName(code) : code;
}

/** The appeals counted by one key (null: 'unknown'), largest first. */
function groupBy(ref: Ref, rows: AppealRow[], key: (r: AppealRow) => string | null, list: string | null) {
  const total = rows.reduce((s, r) => s + r.n, 0);
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = key(r) ?? 'unknown';
    m.set(k, (m.get(k) ?? 0) + r.n);
  }
  return [...m]
    .map(([code, n]) => ({ code, name: groupName(ref, code, list), value: n, share: share(n, total) }))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
}

const noAppeals = (ref: Ref, year: number): Appeals => ({
  available: false,
  reason: say(ref.lang, 'note.appealsNone', { year }),
  total: null,
  related: null,
  byGender: [],
  byChannel: [],
  byTopic: [],
  byStatus: [],
  byRegion: [],
  byCountry: [],
  medianHoursToFirstResponse: null,
  medianDaysToResolution: null,
});

/** The median of the hours from receipt to `to` (unanswered and negative spans left out). */
function medianHours(times: AppealTimes[], to: (t: AppealTimes) => string | null): number | null {
  const hours = times
    .map((t) => {
      const end = to(t);
      return end ? (Date.parse(end) - Date.parse(t.received_at)) / 3_600_000 : Number.NaN;
    })
    .filter((h) => Number.isFinite(h) && h >= 0);
  return median(hours);
}

export function appealsSectionOf(ref: Ref, year: number, rows: AppealRow[], times: AppealTimes[]): Appeals {
  const total = rows.reduce((s, r) => s + r.n, 0);
  if (!total) return noAppeals(ref, year);
  const m1 = medianHours(times, (t) => t.first_response_at);
  const m2 = medianHours(times, (t) => t.resolved_at);
  return {
    available: true,
    reason: null,
    total,
    related: rows.filter((r) => r.related).reduce((s, r) => s + r.n, 0),
    byGender: groupBy(ref, rows, (r) => r.gender, 'gender'),
    byChannel: groupBy(ref, rows, (r) => r.channel, 'appeal_channel'),
    byTopic: groupBy(ref, rows, (r) => r.topic, 'appeal_topic'),
    byStatus: groupBy(ref, rows, (r) => r.status, 'appeal_status'),
    byRegion: groupBy(ref, rows, (r) => r.region ?? (r.country ? 'abroad' : null), null),
    byCountry: groupBy(ref, rows, (r) => r.country ?? (r.region ? 'KZ' : null), null),
    medianHoursToFirstResponse: m1 === null ? null : round(m1, 1),
    medianDaysToResolution: m2 === null ? null : round(m2 / 24, 1),
  };
}
