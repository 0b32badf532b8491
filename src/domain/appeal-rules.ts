// The rules of an appeal's workflow (DOMAIN.md §8), pure: which step may follow which, when an
// appeal is overdue against the targets, and the bounds of what the public form takes. The server
// enforces them; the web reads the same statuses and targets.

export const APPEAL_STATUSES = ['new', 'in_progress', 'resolved', 'closed'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Reasons of closing an appeal without a result (code list appeal_close_reason). */
export const CLOSE_REASONS = ['duplicate', 'spam', 'no_contact'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Closed for these, an appeal is no public interest: section 13 and the monthly counts leave it out. */
export const NOT_COUNTED_REASONS: readonly CloseReason[] = ['duplicate', 'spam'];

/** The channels staff register an appeal by (the code list has more, for imports). */
export const STAFF_CHANNELS = ['phone', 'email', 'telegram', 'whatsapp', 'in_person'] as const;
/** The channel of the public web form. */
export const WEB_CHANNEL = 'website';

/** The longest appeal text, answer or result, in characters. */
export const MAX_APPEAL_TEXT = 5000;

export type AppealStep = 'assign' | 'answer' | 'resolve' | 'close' | 'reopen';

/** The statuses each step starts from. */
const FROM: Record<AppealStep, readonly AppealStatus[]> = {
  assign: ['new', 'in_progress'],
  answer: ['in_progress'],
  resolve: ['in_progress'],
  close: ['new', 'in_progress'],
  reopen: ['resolved', 'closed'],
};

export const mayStep = (step: AppealStep, from: string): boolean =>
  (FROM[step] as readonly string[]).includes(from);

export const isOpen = (status: string): boolean => status === 'new' || status === 'in_progress';

/** Reopened: back to work with its assignee, or new when it has none. */
export const reopenedStatus = (assigneeId: number | null): AppealStatus =>
  assigneeId === null ? 'new' : 'in_progress';

export interface AppealTargets {
  /** Hours from receipt to the first answer. */
  firstResponseHours: number;
  /** Hours from receipt to the result (15 days). */
  resolutionHours: number;
}

/** The defaults of the reference data (code list appeal_target, migration 025). */
export const DEFAULT_TARGETS: AppealTargets = { firstResponseHours: 24, resolutionHours: 15 * 24 };

const HOUR = 3_600_000;

export interface AppealTimes {
  status: string;
  received_at: string;
  first_response_at: string | null;
}

export interface Overdue {
  /** When the first answer is due, and when the result. */
  responseDue: string;
  resolutionDue: string;
  /** Open, not answered, and past the first answer's target. */
  response: boolean;
  /** Open and past the result's target. */
  resolution: boolean;
}

export function overdueOf(a: AppealTimes, targets: AppealTargets, now: Date): Overdue {
  const received = Date.parse(a.received_at);
  const responseDue = received + targets.firstResponseHours * HOUR;
  const resolutionDue = received + targets.resolutionHours * HOUR;
  const open = isOpen(a.status);
  return {
    responseDue: new Date(responseDue).toISOString(),
    resolutionDue: new Date(resolutionDue).toISOString(),
    response: open && a.first_response_at === null && now.getTime() > responseDue,
    resolution: open && now.getTime() > resolutionDue,
  };
}

/** The latest receipt time an appeal overdue now has (an open appeal received before it is late). */
export const overdueSince = (hours: number, now: Date): string =>
  new Date(now.getTime() - hours * HOUR).toISOString();

/** Hours between two ISO instants (null when the end is missing or before the start). */
export function hoursBetween(from: string, to: string | null): number | null {
  if (!to) return null;
  const h = (Date.parse(to) - Date.parse(from)) / HOUR;
  return Number.isFinite(h) && h >= 0 ? h : null;
}

/**
 * An appeal's time as the exchange format keeps it (domain/cell-rules.ts dateTime): UTC, whole
 * seconds without `.000`, so that an exported appeal imports back unchanged.
 */
export const appealTime = (d: Date): string => d.toISOString().replace('.000Z', 'Z');
