// Words for the codes of applications (issue 11 items 4 and 5): a status, a reason of a decline or a
// withdrawal, the status of a dispute; hours in the reader's conventions; a refused row of an
// attendance sheet in the reader's language. Shared by the volunteer's, the coordinator's and the
// front office's pages.
import type { Lang } from '../../../domain/lang.ts';
import { formatHours } from '../../lib/format.ts';
import { isCode, type T } from '../../lib/i18n.ts';

const STATUSES = [
  'pending',
  'waitlisted',
  'accepted',
  'declined',
  'withdrawn',
  'attended',
  'no_show',
] as const;
const REASONS = [
  'no_places',
  'requirements_not_met',
  'not_available',
  'no_response',
  'other',
  'opportunity_cancelled',
  'organization_suspended',
  'correction',
  'revoked',
] as const;
type Status = (typeof STATUSES)[number];
type Reason = (typeof REASONS)[number];

/** The reasons a volunteer gives for a withdrawal, and a coordinator for a decline. */
export const WITHDRAW_REASONS = ['not_available', 'other'] as const;
export const DECLINE_REASONS = [
  'no_places',
  'requirements_not_met',
  'not_available',
  'no_response',
  'other',
] as const;

const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);
const isReason = (s: string): s is Reason => (REASONS as readonly string[]).includes(s);

/** "Accepted", "On the waitlist"…; the code itself for one the catalogue does not name. */
export function statusText(t: T, status: string): string {
  return isStatus(status) ? t(`applications.statuses.${status}`) : status;
}

export function reasonText(t: T, reason: string | null): string {
  if (!reason) return '';
  return isReason(reason) ? t(`applications.reasons.${reason}`) : reason;
}

/** Badge colours of the statuses (app.css). */
export function statusBadge(status: string): string {
  return `badge badge-app-${status}`;
}

/** "4 h" / "4 сағ" / "7,5 ч". */
export function hoursText(t: T, hours: number | null, lang: Lang): string {
  return t('applications.hoursValue', { hours: formatHours(hours, lang) });
}

/** The shift's length in hours (two decimals): the most hours the server accepts. */
export function shiftHours(start: string, end: string): number {
  return Math.round(((Date.parse(end) - Date.parse(start)) / 3600_000) * 100) / 100;
}

/** A refused entry of an attendance sheet (422 attendance_rejected): its rule in words. */
export function entryProblemText(t: T, detail: Record<string, unknown>, lang: Lang): string {
  const rule = typeof detail.rule === 'string' ? detail.rule : '';
  if (!isCode('errors.codes', rule)) return typeof detail.message === 'string' ? detail.message : rule;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(detail))
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  if (typeof detail.max === 'number') params.max = formatHours(detail.max, lang);
  return t(`errors.codes.${rule}`, params);
}

/** A decimal typed with a comma or a point ("7,5" in kk and ru); NaN when it is none. */
export function parseHours(text: string): number {
  const s = text.trim().replace(',', '.');
  return s === '' || !/^\d+(\.\d+)?$/.test(s) ? Number.NaN : Number(s);
}
