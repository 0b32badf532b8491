// The status of a region's return (a month, a half-year, a year) in the same words for the region's
// officer and the national reviewer: one function (domain/submission-status.ts) decides the state
// and the overdue / late flags, one set of keys (returns.status.*, returns.flag.*) says them.
import { deadlineOf, parsePeriod } from '../../domain/periods.ts';
import {
  type ReturnStatus,
  returnStatus,
  type Timeliness,
  timelinessAt,
} from '../../domain/submission-status.ts';
import { useT } from '../lib/i18n.ts';

export const STATE_SYMBOL = {
  not_started: '∅',
  draft: '✎',
  submitted: '→',
  returned: '↩',
  accepted: '✓',
} as const;

/** The states in the order a legend lists them. */
export const RETURN_STATES_SHOWN = ['accepted', 'submitted', 'returned', 'draft', 'not_started'] as const;

/** The CSS look of a state (not started looks like the old "missing"). */
export const stateClass = (s: ReturnStatus['state']) => (s === 'not_started' ? 'missing' : s);

/**
 * The status of what the API gives: a submission (started: it has an id) or nothing yet, in which
 * case it is not started and overdue once the period's deadline has passed.
 */
export function statusOfReturn(
  period: string,
  sub: { id?: number | null; status: string | null; timeliness?: Timeliness | null } | null | undefined,
  started?: boolean,
): ReturnStatus {
  if (!sub) {
    const p = parsePeriod(period);
    return returnStatus({
      status: null,
      started: false,
      timeliness: p ? timelinessAt(deadlineOf(p), null) : null,
    });
  }
  return returnStatus({
    status: sub.status,
    started: started ?? (sub.id !== null && sub.id !== undefined),
    timeliness: sub.timeliness ?? null,
  });
}

/** The words of a status: "Draft · overdue". */
export function useStatusWords(): (s: ReturnStatus) => string {
  const { t } = useT();
  return (s) =>
    [
      t(`returns.status.${s.state}`),
      s.overdue ? t('returns.flag.overdue') : null,
      s.late ? t('returns.flag.late') : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

export function ReturnStatusBadge({ status }: { status: ReturnStatus }) {
  const { t } = useT();
  return (
    <span
      className={`badge badge-${stateClass(status.state)}`}
      data-status={status.state}
      data-overdue={status.overdue ? 'true' : undefined}
    >
      <span aria-hidden="true">{STATE_SYMBOL[status.state]} </span>
      {t(`returns.status.${status.state}`)}
      {status.overdue || status.late ? (
        <span className="badge-late">
          {' '}
          · {t(status.overdue ? 'returns.flag.overdue' : 'returns.flag.late')}
        </span>
      ) : null}
    </span>
  );
}
