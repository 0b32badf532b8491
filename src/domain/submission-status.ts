// The one status of a region's return (a month, a half-year or a year) as people read it, the
// same for the region's officer and the national reviewer: what state it is in, and whether it is
// overdue (not handed in, deadline passed) or came in late, as separate flags. The web shows every
// status through this function and the `returns.status.*` keys of the catalogues.

/** The workflow status stored on a submission. */
export type WorkflowStatus = 'draft' | 'submitted' | 'accepted' | 'returned';
export type Timeliness = 'on_time' | 'late' | 'overdue' | 'pending';

/** not_started: nothing entered and no submission yet; draft: being entered; then the workflow's. */
export const RETURN_STATES = ['not_started', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];

export interface ReturnStatus {
  state: ReturnState;
  /** Not handed in and the deadline has passed. */
  overdue: boolean;
  /** Handed in (first) after the deadline. */
  late: boolean;
}

/**
 * The status of one return. `status` null or `started` false with a draft: nobody has entered
 * anything yet (no submission row). Timeliness null: not known (nothing is due).
 */
export function returnStatus(s: {
  status: WorkflowStatus | string | null | undefined;
  started: boolean;
  timeliness?: Timeliness | null | undefined;
}): ReturnStatus {
  const known = (['draft', 'submitted', 'returned', 'accepted'] as const).find((x) => x === s.status);
  const state: ReturnState = !known || (known === 'draft' && !s.started) ? 'not_started' : known;
  const open = state === 'not_started' || state === 'draft' || state === 'returned';
  return {
    state,
    overdue: open && s.timeliness === 'overdue',
    late: !open && s.timeliness === 'late',
  };
}

/** The end of a deadline day in Kazakhstan (UTC+5): 18:59:59.999 UTC. */
export const deadlineEndOf = (deadline: string) => `${deadline}T18:59:59.999Z`;

/** Timeliness of a return from its deadline and first submission (as the server computes it). */
export function timelinessAt(
  deadline: string,
  submittedAt: string | null,
  now = new Date().toISOString(),
): Timeliness {
  if (submittedAt) return submittedAt <= deadlineEndOf(deadline) ? 'on_time' : 'late';
  return now > deadlineEndOf(deadline) ? 'overdue' : 'pending';
}
