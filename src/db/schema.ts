// The database as Kysely sees it. Dates are ISO text (YYYY-MM-DD), timestamps ISO text, booleans 0/1:
// the same representation on SQLite and PostgreSQL, so one set of queries serves both.
import type { Generated } from 'kysely';
import type { ActivityInput, CohortColumn, ORGANIZATION_FIELDS } from '../domain/activity-rules.ts';
import type { AppealInput, UnaccountedInput } from '../domain/exchange-rules.ts';

type OrganizationField = (typeof ORGANIZATION_FIELDS)[number];

export interface TerritoryUnitTable {
  code: string; // ISO 3166-2:KZ, e.g. KZ-75
  kato: string | null;
  kind: 'region' | 'city';
  name_kk: string;
  name_ru: string;
  name_en: string;
  valid_from: string | null; // first day the unit exists, null = before the system's history
  valid_to: string | null; // last day, null = still valid
  tile_x: number; // position in the tile-grid cartogram
  tile_y: number;
  sort: number;
}

export interface TerritoryLineageTable {
  id: Generated<number>;
  predecessor: string;
  successor: string;
  date: string;
  note: string | null;
}

export interface TerritoryAliasTable {
  alias: string; // normalised (lower case, collapsed spaces)
  code: string;
}

export interface CodeListItemTable {
  list: string;
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  sort: number;
  active: number;
  attrs: string | null; // JSON object with list-specific attributes
}

export interface PopulationTable {
  region: string;
  year: number;
  population: number;
  source: string;
}

export interface WageTable {
  region: string; // '' = national
  activity: string; // '' = all activities
  year: number;
  monthly_wage_kzt: number;
  source: string;
}

export interface WorkingTimeTable {
  year: number;
  monthly_hours: number;
  annual_hours: number; // the legal working-time balance of the year
  source: string;
  fte_hours: number | null; // hours per full-time-equivalent year, when it differs (net of leave)
  fte_source: string | null;
}

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  name_key: string; // normalised name, unique within region and type
  type: string;
  bin: string | null;
  region: string;
  created_at: string;
  version: Generated<number>;
}

/** An opportunity of the volunteer platform (migration 015). */
export interface OpportunityTable {
  id: Generated<number>;
  organization_id: number;
  status: 'draft' | 'published' | 'closed' | 'cancelled';
  title: string;
  description: string;
  area: string;
  region: string;
  format: string;
  min_age: number;
  probono: number;
  /** A JSON array of strings. */
  skills: string;
  /** The reason of a cancellation. */
  reason: string | null;
  /** Title and description lower-cased for the text search (see opportunities.repository.ts). */
  search_key: string;
  created_by: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  /** A town or district within the region (migration 019). */
  locality: Generated<string | null>;
  /** The training a risk area requires; applicants confirm having it (migration 019). */
  training: Generated<string | null>;
  /** The first shift's start and the last shift's end (migration 021), for the search. */
  first_start: Generated<string | null>;
  last_end: Generated<string | null>;
}

/** A shift of an opportunity (migration 015): UTC ISO instants. */
export interface OpportunityShiftTable {
  id: Generated<number>;
  opportunity_id: number;
  start_at: string;
  end_at: string;
  capacity: number;
}

/** An organisation on the volunteer platform (migration 013), keyed by its registry entry. */
export interface PlatformOrgTable {
  organization_id: number;
  status: 'pending' | 'verified' | 'rejected' | 'suspended';
  coordinator_id: number;
  contact_name: string;
  email: string;
  /** Name, type and BIN as registered (verbatim). */
  name: string;
  type: string;
  bin: string | null;
  /** 1: the registration joined an entry the registry had already (a claim). */
  claim: Generated<number>;
  /** The reason of the latest rejection or suspension. */
  reason: string | null;
  registered_at: string;
  decided_at: string | null;
  decided_by: number | null;
}

export interface SubmissionTable {
  id: Generated<number>;
  region: string;
  period: string; // YYYY-MM, YYYY-H1, YYYY-H2 or YYYY
  status: 'draft' | 'submitted' | 'accepted' | 'returned';
  version: number;
  deadline: string;
  /** The first submission: timeliness is measured by it. */
  submitted_at: string | null;
  submitted_by: number | null;
  /** The latest submission (migration 011): what the reviewer waits on since. */
  last_submitted_at: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  return_comment: string | null;
  created_at: string;
  updated_at: string;
  /** 1: handed in empty on purpose ("nothing to report this month"), at the last submit. */
  nothing_to_report: Generated<number>;
  /** JSON list of the warnings the region confirmed at its last submit; null: none. */
  confirmed_warnings: string | null;
  /** When the platform last changed the figures of this period while submitted or accepted (migration 016). */
  restated_at: Generated<string | null>;
}

/**
 * An activity record as validated (ActivityInput, domain/activity-rules.ts: a column per field, the
 * cohorts of COHORT_COLUMNS among them, rfo_support's codes joined by '|'), its organisation stored
 * as organization_id, with its key, provenance and version.
 */
export interface ActivityTable extends Omit<ActivityInput, OrganizationField> {
  id: Generated<number>;
  organization_id: number;
  row_key: string; // external_id, or a hash of the row's content: makes re-imports idempotent
  import_id: number | null;
  illustrative: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** `rfo`: entered or imported by the front office; `platform`: derived from confirmed hours (migration 016). */
  source: Generated<'rfo' | 'platform'>;
  /** The grant project a grantee's report through the platform belongs to (migration 027). */
  grant_project_id: Generated<number | null>;
}

export interface VolunteerStatTable {
  region: string;
  period: string;
  dimension: string; // total | gender | age_band | employment
  category: string; // '' for total
  volunteers: number | null;
  illustrative: number;
  updated_at: string;
}

export interface OrgCountTable {
  region: string;
  period: string;
  npo: number | null;
  initiative_groups: number | null;
  illustrative: number;
  updated_at: string;
}

/**
 * An appeal to the information centre: the columns of the exchange format as validated (AppealInput,
 * domain/exchange-rules.ts), with its key and provenance, and (migration 025) what the workflow of a
 * registered appeal keeps. The applicant's name and contact are for staff only.
 */
export interface AppealTable extends AppealInput {
  id: Generated<number>;
  row_key: string;
  illustrative: number;
  /** import: from a file; staff: registered by staff; web: the public form (migration 025). */
  source: Generated<'import' | 'staff' | 'web'>;
  text: Generated<string | null>;
  /** The applicant's language (kk, ru, en): the answer's e-mail is written in it. */
  lang: Generated<string | null>;
  applicant_name: Generated<string | null>;
  applicant_email: Generated<string | null>;
  applicant_phone: Generated<string | null>;
  assignee_id: Generated<number | null>;
  registered_by: Generated<number | null>;
  /** The latest answer given to the applicant, and the result recorded on resolving. */
  answer: Generated<string | null>;
  result: Generated<string | null>;
  /** duplicate | spam | no_contact (code list appeal_close_reason). */
  close_reason: Generated<string | null>;
  closed_at: Generated<string | null>;
  /** The public form's token nonce: unique, so that one form is registered once. */
  form_nonce: Generated<string | null>;
  /** When the overdue reminders (first answer, result) were queued: each once. */
  reminded_response_at: Generated<string | null>;
  reminded_resolution_at: Generated<string | null>;
  updated_at: Generated<string | null>;
}

/** One step of an appeal's workflow (migration 025), shown as its history. */
export interface AppealEventTable {
  id: Generated<number>;
  appeal_id: number;
  at: string;
  by_user: number | null;
  kind: 'registered' | 'assigned' | 'answered' | 'resolved' | 'closed' | 'reopened';
  from_status: string | null;
  to_status: string | null;
  assignee_id: number | null;
  reason: string | null;
  text: string | null;
  mailed: Generated<number>;
}

/** Hours outside the activity records, as validated (UnaccountedInput, domain/exchange-rules.ts). */
export interface UnaccountedHoursTable extends UnaccountedInput {
  id: Generated<number>;
  row_key: string;
}

export interface ImportBatchTable {
  id: Generated<number>;
  kind: string;
  file_sha256: string;
  filename: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  user_id: number | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  action: string; // create | update | delete | status | import
  entity: string;
  entity_id: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  note: string | null;
  region: string | null; // the region the changed data belongs to, null for national data
  period: string | null; // the reporting period of the changed data, when it has one
}

export interface AppUserTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  role: 'national_admin' | 'national_analyst' | 'rfo' | 'org_coordinator' | 'viewer' | 'volunteer' | 'juror';
  region: string | null;
  organization_id: number | null;
  display_name: string | null;
  disabled: number;
  is_demo: number;
  created_at: string;
  /** The language of the user's e-mails (migration 009): kk, ru or en; 'ru' until chosen. */
  lang: Generated<string>;
  /** 1: reminders and the daily digest too; 0: only the essential messages (migration 009). */
  notify_optional: Generated<number>;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked: number;
}

// Aggregates kept up to date on every write (see modules/aggregates): reports read these, never raw rows.
/** The volunteers of each cohort summed over a cell's records (0 where none was reported). */
type CohortSums = Record<CohortColumn, number>;

export interface AggActivityTable extends CohortSums {
  region: string;
  period: string;
  area: string;
  format: string;
  kind: string;
  org_type: string;
  events: number;
  volunteers: number;
  hours: number;
  beneficiaries: number;
}

export interface AggRfoSupportTable {
  region: string;
  period: string;
  support: string;
  events: number;
}

export interface AggExcludedTable {
  region: string;
  period: string;
  reason: string;
  records: number;
  volunteers: number;
  hours: number;
}

/** agg_activity summed over format, kind and organisation type: one row per (period, region, area). */
export interface AggAreaTable extends CohortSums {
  period: string;
  region: string;
  area: string;
  events: number;
  volunteers: number;
  hours: number;
  beneficiaries: number;
  /**
   * The cell's format and kind breakdowns, JSON `{"format":{code:[events,volunteers,hours]},"kind":{…}}`
   * (codes come from editable code lists, so they cannot be columns).
   */
  splits: string;
}

/**
 * The data version's counter (migration 005): moved by triggers on every data table, read by
 * server/plugins/data-version.ts; one row on SQLite, a few summed on PostgreSQL.
 */
export interface DataVersionTable {
  shard: Generated<number>;
  n: number;
}

/** Sign-in attempts per account or address and fixed window (modules/users/login-limits.ts). */
export interface LoginAttemptsTable {
  /**
   * account/address: sign-in failures; reset_account/reset_address: "forgot password" requests;
   * signup_address: volunteers' sign-ups; org_register_address: organisations registered on the platform;
   * verify_address: checks of certificate codes; appeal_address: appeals sent through the public form.
   */
  scope:
    | 'account'
    | 'address'
    | 'reset_account'
    | 'reset_address'
    | 'signup_address'
    | 'verify_address'
    | 'org_register_address'
    | 'appeal_address';
  key: string;
  /** Start of the window, ms since the epoch. */
  window_start: number;
  attempts: number;
}

/** A scheduled job's row (modules/jobs): when it is next due, and who holds it while it runs. */
export interface JobsTable {
  name: string;
  next_run_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_error: string | null;
  runs: Generated<number>;
}

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** An e-mail in the outbox (modules/outbox, migration 008): queued until the delivery job sends it. */
export interface OutboxTable {
  id: Generated<number>;
  /** What caused it (`submission.returned`, `test`, …), for the admin's list. */
  kind: string;
  recipient: string;
  /** The recipient's language (kk, ru, en): subject and body are already in it. */
  lang: string;
  subject: string;
  /** Plain text; the HTML part is made from it with every markup character escaped. */
  body: string;
  status: OutboxStatus;
  /** Delivery attempts started (counted at the claim, so a server dying mid-send counts). */
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** What a period held at the national office's last decision on it (migration 011): the inbox's "before". */
export interface SubmissionReviewTable {
  region: string;
  period: string;
  action: string; // accept | return | reopen
  at: string;
  user_id: number | null;
  /** JSON: { rows: { [key]: content hash }, totals: { … } } */
  snapshot: string;
}

/** One message of a submission's thread (migration 011): kept forever, never edited. */
export interface SubmissionCommentTable {
  id: Generated<number>;
  region: string;
  period: string;
  kind: 'comment' | 'return' | 'reopen';
  /** null: the command line (the national office). */
  author_id: number | null;
  body: string;
  /** The activity record the comment is about, if any. */
  activity_id: number | null;
  created_at: string;
}

/** A reminder or digest queued (modules/notifications, migration 009): each is queued once. */
export interface NotificationSentTable {
  kind: string;
  /** '' when about no region (the digest). */
  region: string;
  /** '' when about no period (the digest). */
  period: string;
  user_id: number;
  /** The day it is about: the digest's day, a reminder's deadline. */
  day: string;
  sent_at: string;
}

/** A one-time link of an account (modules/users/account-tokens.ts, migration 010): its hash only. */
export interface AccountTokenTable {
  /** sha256 (hex) of the token sent in the link. */
  token_hash: string;
  user_id: number;
  purpose: 'invite' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A volunteer's profile (migration 014): personal data, erased on request (erased_at set). */
export interface VolunteerProfileTable {
  user_id: number;
  name: string;
  birth_date: string | null;
  gender: string | null;
  region: string | null;
  employment: string | null;
  resident: number;
  disability: number;
  /** JSON arrays of strings: skills as typed, languages as ISO 639 codes. */
  skills: string;
  languages: string;
  /** HMAC-SHA256 (hex) of the IIN under IIN_HASH_KEY; never the IIN itself. */
  iin_hash: string | null;
  iin_last4: string | null;
  consent_version: string;
  consent_at: string;
  email_confirmed_at: string | null;
  /** When the one reminder to confirm the address was queued. */
  confirm_reminded_at: string | null;
  guardian_name: string | null;
  guardian_email: string | null;
  /** not_required (18 or older), pending, confirmed. */
  guardian_status: string;
  guardian_confirmed_at: string | null;
  lang: string;
  created_at: string;
  erased_at: string | null;
  /** 1: findable by organisations (migration 023; off by default). */
  findable: Generated<number>;
  /** JSON: what organisations may see of him when findable. */
  findable_show: Generated<string | null>;
  /** When he is available, in his words. */
  availability: Generated<string | null>;
}

/** One-time links of volunteers (migration 014): sha256 of the token only. */
export interface VolunteerTokenTable {
  token_hash: string;
  user_id: number;
  purpose: 'confirm_email' | 'guardian';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type ApplicationStatus =
  | 'pending'
  | 'waitlisted'
  | 'accepted'
  | 'declined'
  | 'withdrawn'
  | 'attended'
  | 'no_show';

/** A volunteer's application to a shift (migration 016). */
export interface ApplicationTable {
  id: Generated<number>;
  shift_id: number;
  opportunity_id: number;
  volunteer_id: number;
  status: ApplicationStatus;
  /** The reason code of the latest decline, withdrawal or correction. */
  reason: string | null;
  note: string | null;
  /** A waitlisted volunteer offered a freed place: until when it is held for him. */
  offer_expires_at: string | null;
  /** Confirmed hours (attended); kept when revoked. */
  hours: number | null;
  attendance_at: string | null;
  revoked_at: string | null;
  /** Fixed when attendance is marked: the anonymous figures the statistics keep. */
  cohort: string | null;
  gender: string | null;
  age_band: string | null;
  employment: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  answered_at: string | null;
  /** When the day-before reminder was queued (once). */
  reminded_at: string | null;
}

/**
 * The front office's answer about a probable duplicate (migration 017): the platform's record (by
 * its row key) and its own record (by id) are not the same event.
 */
export interface PlatformDuplicateDecisionTable {
  id: Generated<number>;
  region: string;
  period: string;
  platform_key: string;
  activity_id: number;
  decision: 'not_duplicate';
  decided_by: number | null;
  decided_at: string;
}

/** One transition of an application (migration 016). */
export interface ApplicationEventTable {
  id: Generated<number>;
  application_id: number;
  at: string;
  by_user: number | null;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  note: string | null;
  hours_before: number | null;
  hours_after: number | null;
}

/** A volunteer's dispute of confirmed hours (migration 016), settled by the front office. */
export interface HoursDisputeTable {
  id: Generated<number>;
  application_id: number;
  /** The opportunity's region: whose front office settles it. */
  region: string;
  opened_by: number;
  opened_at: string;
  text: string;
  claimed_hours: number | null;
  status: 'open' | 'upheld' | 'rejected';
  settled_by: number | null;
  settled_at: string | null;
  settlement: string | null;
}

/** A certificate of a volunteer's record book, as issued (migration 020). */
export interface CertificateTable {
  id: Generated<number>;
  code: string;
  volunteer_id: number;
  scope: string;
  lang: string;
  holder: string;
  hours: number;
  participations: number;
  entries: string;
  basis: string;
  issued_at: string;
}

/** The coordinator's assessment of a volunteer after a participation (migration 022). */
export interface AssessmentTable {
  id: Generated<number>;
  application_id: number;
  volunteer_id: number;
  organization_id: number;
  region: string;
  by_user: number;
  reliability: number;
  skills: number;
  teamwork: number;
  comment: string | null;
  created_at: string;
  seen_at: string | null;
  contest_status: 'open' | 'upheld' | 'rejected' | null;
  contest_text: string | null;
  contested_at: string | null;
  settled_by: number | null;
  settled_at: string | null;
  settlement: string | null;
}

/** The volunteer's rating of an opportunity after a participation (migration 022). */
export interface OpportunityRatingTable {
  id: Generated<number>;
  application_id: number;
  volunteer_id: number;
  opportunity_id: number;
  organization_id: number;
  rating: number;
  went_well: string | null;
  improve: string | null;
  created_at: string;
}

/** An organisation saw a volunteer in its search results (migration 023), one row a day. */
/** A volunteer's confirmed hours in one area (migration 026), kept with the participations. */
export interface VolunteerExperienceTable {
  volunteer_id: number;
  area: string;
  hours: number;
  participations: number;
  /** The volunteer's region of residence, as his profile says now. */
  region: string | null;
}

export interface VolunteerViewTable {
  organization_id: number;
  volunteer_id: number;
  day: string;
  viewed_at: string;
}

/** An organisation's invitation of a findable volunteer to one of its opportunities (migration 023). */
export interface InvitationTable {
  id: Generated<number>;
  opportunity_id: number;
  organization_id: number;
  volunteer_id: number;
  by_user: number;
  created_at: string;
}

/** A closed opportunity's impact, reported by its organisation (migration 024). */
export interface ImpactReportTable {
  opportunity_id: number;
  /** One line: what came of it, in the organisation's words. */
  outcome: string;
  reported_by: number;
  reported_at: string;
  updated_by: number;
  updated_at: string;
}

/** How many of a type (code list `beneficiary_type`) a reported opportunity reached (migration 024). */
export interface ImpactBeneficiaryTable {
  opportunity_id: number;
  type: string;
  count: number;
}

/** A volunteer's survey after a confirmed participation, once (migration 024): each 1–5. */
export interface ImpactSurveyTable {
  id: Generated<number>;
  application_id: number;
  volunteer_id: number;
  opportunity_id: number;
  satisfaction: number;
  skills_gained: number;
  would_return: number;
  belonging: number;
  created_at: string;
}

/** An entry of the public register of unscrupulous grant implementers (migration 027). */
export interface GrantRegisterEntryTable {
  id: Generated<number>;
  bin: string;
  /** The organisation's name as the decision gives it. */
  name: string;
  /** Its registry entry, when the registry knows the BIN. */
  organization_id: number | null;
  decision: string;
  decision_date: string;
  document_ref: string;
  illustrative: Generated<number>;
  published_at: string;
  published_by: number | null;
  removed_at: string | null;
  removed_by: number | null;
  removal_reason: string | null;
}

/** A grant project (migration 027): a priority project, or a competition's winner. */
export interface GrantProjectTable {
  id: Generated<number>;
  kind: 'priority' | 'competition';
  title: string;
  organization_id: number;
  grantor: string;
  area: string;
  year_from: number;
  year_to: number;
  amount_kzt: number | null;
  planned_volunteers: number | null;
  planned_hours: number | null;
  planned_events: number | null;
  planned_beneficiaries: number | null;
  notes: string | null;
  illustrative: Generated<number>;
  application_id: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface GrantProjectRegionTable {
  project_id: number;
  region: string;
}

/** A reporting round of the grant projects (migration 027). */
export interface GrantRoundTable {
  id: Generated<number>;
  title: string;
  year: number;
  created_at: string;
  created_by: number | null;
}

export type DataProvision = 'provided' | 'duplicated_grantor' | 'refused' | 'unreachable';

/** A project's data provision in a round (migration 027); null status: not known yet. */
export interface GrantRoundEntryTable {
  round_id: number;
  project_id: number;
  status: DataProvision | null;
  comment: string | null;
  volunteers: number | null;
  hours: number | null;
  events: number | null;
  illustrative: Generated<number>;
  updated_at: string;
  updated_by: number | null;
}

export type CallStatus = 'open' | 'scoring' | 'selected';

/** A call of the "Zhana Bastama" competition (migration 028). */
export interface CompetitionCallTable {
  id: Generated<number>;
  year: number;
  title: string;
  grantor: string;
  budget_cap_kzt: number;
  report_due: string;
  status: CallStatus;
  illustrative: Generated<number>;
  created_at: string;
  scoring_at: string | null;
  selected_at: string | null;
}

export interface CompetitionQuotaTable {
  call_id: number;
  region: string;
  quota: number;
  budget_kzt: number;
}

export type ApplicationOutcome = 'selected' | 'quota_full' | 'budget_exhausted' | 'unscored' | 'on_register';

/** An organisation's application to a call (migration 028). */
export interface CompetitionApplicationTable {
  id: Generated<number>;
  call_id: number;
  organization_id: number;
  region: string;
  title: string;
  area: string;
  description: string;
  budget_kzt: number;
  expected_volunteers: number;
  expected_beneficiaries: number;
  status: 'submitted' | 'winner' | 'not_selected' | 'ineligible';
  outcome: ApplicationOutcome | null;
  score: number | null;
  scores: number | null;
  rank: number | null;
  illustrative: Generated<number>;
  created_by: number | null;
  created_at: string;
}

/** A commission member's score of an application (migration 028). */
export interface CompetitionScoreTable {
  application_id: number;
  member_id: number;
  score: number;
  comment: string | null;
  scored_at: string;
}

/** A letter of thanks or a region's Best Volunteer (migration 029). */
export interface AwardLetterTable {
  id: Generated<number>;
  kind: 'thanks' | 'best_volunteer';
  period: string;
  region: string;
  recipient: 'volunteer' | 'organization';
  volunteer_id: number | null;
  organization_id: number | null;
  name: string;
  holder: string;
  /** JSON: the figures behind the choice as they stood. */
  reasons: string;
  justification: string | null;
  status: 'chosen' | 'approved' | 'returned' | 'issued';
  unique_key: string;
  chosen_by: number | null;
  chosen_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_comment: string | null;
  code: string | null;
  issued_by: number | null;
  issued_at: string | null;
  illustrative: Generated<number>;
}

/** A national award round scored by a jury (migration 029). */
export interface AwardRoundTable {
  id: Generated<number>;
  kind: 'volunteer_of_year';
  year: number;
  title: string;
  scale_max: number;
  status: 'nominating' | 'scoring' | 'closed' | 'published';
  created_by: number | null;
  created_at: string;
  closed_at: string | null;
  published_at: string | null;
  illustrative: Generated<number>;
}

export interface AwardNominationTable {
  id: Generated<number>;
  round_id: number;
  scope: 'domestic' | 'international';
  name: string;
  /** JSON array of the criteria's names, in order. */
  criteria: string;
  sort: number;
}

export interface AwardNomineeTable {
  id: Generated<number>;
  round_id: number;
  nomination_id: number;
  name: string;
  region: string;
  volunteer_id: number | null;
  justification: string;
  entered_by: number | null;
  entered_at: string;
}

export interface AwardJurorTable {
  round_id: number;
  user_id: number;
  name: string;
  seated_at: string;
}

export interface AwardConflictTable {
  round_id: number;
  juror_id: number;
  nominee_id: number;
  note: string | null;
  declared_at: string;
}

export interface AwardScoreTable {
  round_id: number;
  nominee_id: number;
  juror_id: number;
  criterion: number;
  score: number;
  scored_at: string;
}

export interface DB {
  territory_unit: TerritoryUnitTable;
  territory_lineage: TerritoryLineageTable;
  territory_alias: TerritoryAliasTable;
  code_list_item: CodeListItemTable;
  population: PopulationTable;
  wage: WageTable;
  working_time: WorkingTimeTable;
  organization: OrganizationTable;
  submission: SubmissionTable;
  activity: ActivityTable;
  volunteer_stat: VolunteerStatTable;
  org_count: OrgCountTable;
  appeal: AppealTable;
  appeal_event: AppealEventTable;
  unaccounted_hours: UnaccountedHoursTable;
  import_batch: ImportBatchTable;
  audit_log: AuditLogTable;
  app_user: AppUserTable;
  session: SessionTable;
  agg_activity: AggActivityTable;
  agg_rfo_support: AggRfoSupportTable;
  agg_excluded: AggExcludedTable;
  agg_area: AggAreaTable;
  data_version: DataVersionTable;
  login_attempts: LoginAttemptsTable;
  jobs: JobsTable;
  outbox: OutboxTable;
  submission_review: SubmissionReviewTable;
  submission_comment: SubmissionCommentTable;
  notification_sent: NotificationSentTable;
  account_token: AccountTokenTable;
  volunteer_profile: VolunteerProfileTable;
  volunteer_token: VolunteerTokenTable;
  platform_org: PlatformOrgTable;
  opportunity: OpportunityTable;
  opportunity_shift: OpportunityShiftTable;
  application: ApplicationTable;
  application_event: ApplicationEventTable;
  hours_dispute: HoursDisputeTable;
  certificate: CertificateTable;
  assessment: AssessmentTable;
  opportunity_rating: OpportunityRatingTable;
  volunteer_view: VolunteerViewTable;
  volunteer_experience: VolunteerExperienceTable;
  invitation: InvitationTable;
  platform_duplicate_decision: PlatformDuplicateDecisionTable;
  impact_report: ImpactReportTable;
  impact_beneficiary: ImpactBeneficiaryTable;
  impact_survey: ImpactSurveyTable;
  grant_register_entry: GrantRegisterEntryTable;
  grant_project: GrantProjectTable;
  grant_project_region: GrantProjectRegionTable;
  grant_round: GrantRoundTable;
  grant_round_entry: GrantRoundEntryTable;
  competition_call: CompetitionCallTable;
  competition_quota: CompetitionQuotaTable;
  competition_application: CompetitionApplicationTable;
  competition_score: CompetitionScoreTable;
  award_letter: AwardLetterTable;
  award_round: AwardRoundTable;
  award_nomination: AwardNominationTable;
  award_nominee: AwardNomineeTable;
  award_juror: AwardJurorTable;
  award_conflict: AwardConflictTable;
  award_score: AwardScoreTable;
}
