// The shapes of the API's answers, taken from the routes' own zod schemas wherever a route exports
// one (type-only imports: nothing of the server reaches the bundle), so that a change on either
// side fails the type check instead of showing "–" in the browser. The few answers whose schema is
// written inline in a route are copied here field by field; each names its route.
import type { z } from 'zod';
import type { activitySchema } from '../../modules/activities/activities.routes.ts';
import type { importResultSchema } from '../../modules/imports/imports.routes.ts';
import type { Dashboard as DashboardSchema } from '../../modules/reports/annual.types.ts';
import type { submissionSchema } from '../../modules/submissions/submissions.routes.ts';
import type { userRowSchema } from '../../modules/users/users.schemas.ts';

/** GET /api/dashboard */
export type Dashboard = z.output<typeof DashboardSchema>;

/** One submission (GET /api/submissions/:region/:period → submission; the transitions' answer). */
export type Submission = z.output<typeof submissionSchema>;
export type SubmissionStatus = Submission['status'];

/** GET /api/submissions?year=&region= : a bare array. */
export type SubmissionListItem = Submission & {
  counts: { activities: number; volunteers: number | null; hours: number | null };
  /** The kinds of data the period should hold that have nothing entered. */
  missing: ('activities' | 'volunteers' | 'org_counts')[];
};
export type Timeliness = Submission['timeliness'];

/** GET /api/submissions/matrix?year= (schema inline in submissions.routes.ts). */
export interface Matrix {
  year: number;
  regions: string[];
  months: string[];
  cells: {
    region: string;
    period: string;
    /** false: the unit did not exist that month, nothing is due. */
    expected: boolean;
    status: string | null;
    onTime: boolean | null;
    timeliness: Timeliness | null;
    submittedAt: string | null;
  }[];
  /** Percentages by region; null when nothing was due. */
  completeness: Record<string, number | null>;
  timeliness: Record<string, number | null>;
  national: {
    expected: number;
    submitted: number;
    onTime: number;
    completeness: number | null;
    timeliness: number | null;
  };
}

interface Figures {
  events: number;
  volunteers: number;
  hours: number;
}

/** GET /api/submissions/:region/:period (schema inline in submissions.routes.ts). */
export interface Review {
  submission: Submission;
  totals: Figures & { byArea: (Figures & { area: string })[] };
  /** Earlier months; figures null for a month without a submission (missing is not zero). */
  previous: {
    period: string;
    status: string | null;
    events: number | null;
    volunteers: number | null;
    hours: number | null;
  }[];
  excluded: { volunteers: number; hours: number; reason: string; records: number }[];
  outliers: {
    id: number;
    title: string;
    organization: string;
    volunteers: number;
    hours: number;
    hoursPerVolunteer: number;
    zMonth: number | null;
    zYear: number | null;
  }[];
}

/** One activity record (GET /api/activities/:id; items of GET /api/activities). */
export type Activity = z.output<typeof activitySchema>;

/** GET /api/activities?region=&period=&limit=&offset= */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** GET/PUT /api/volunteers/:region/:period (stocks.routes.ts). */
export interface VolunteerStocks {
  region: string;
  period: string;
  updatedAt: string | null;
  illustrative: boolean;
  rows: { dimension: string; category: string; volunteers: number | null }[];
  submission: { status: string; version: number };
}

/** GET/PUT /api/org-counts/:region/:period (stocks.routes.ts). */
export interface OrgCounts {
  region: string;
  period: string;
  npo: number | null;
  initiativeGroups: number | null;
  updatedAt: string | null;
  illustrative: boolean;
  submission: { status: string; version: number };
}

/** GET /api/users : a bare array. */
export type UserRow = z.output<typeof userRowSchema>;

/** GET /api/organizations?q= (organizations.routes.ts). */
export interface Organization {
  id: number;
  name: string;
  type: string;
  bin: string | null;
  region: string;
  createdAt: string;
}

/** GET /api/audit?entity=&entityId=&region=&period=&limit=&offset= : a bare array, oldest first. */
export interface AuditEntry {
  id: number;
  at: string;
  /** The acting user's email; null for the command line. */
  user: string | null;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
  /** The region and period of the changed data, when it has them. */
  region: string | null;
  period: string | null;
}

/** POST /api/imports/:kind (200; a 422 carries the problems in details). */
export type ImportResult = z.output<typeof importResultSchema>;
