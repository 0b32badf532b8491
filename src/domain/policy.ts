// Who may do what: one table of roles × actions, each cell a scope, and one function that decides.
// Every access decision in Birgemiz goes through `authorize` (or `can`, `listScope`); a route only
// narrows the caller to a signed-in user, a service calls the policy with the resource at hand, and
// nothing else compares roles. test/access.matrix.test.ts walks every route × role × own/foreign
// resource against this table.
import { forbidden, unauthorized } from '../lib/errors.ts';

export const ROLES = [
  'national_admin',
  'national_analyst',
  'rfo',
  'org_coordinator',
  'viewer',
  'volunteer',
  // A member of an award jury (issue 13): scores the nominees of the rounds he sits on, nothing else.
  'juror',
] as const;
export type Role = (typeof ROLES)[number];
export const NATIONAL: readonly Role[] = ['national_admin', 'national_analyst'];

/** The part of a signed-in user the policy looks at. */
export interface Actor {
  id: number;
  role: Role;
  region: string | null;
  organizationId: number | null;
}

/**
 * The command line, run by the national office: commands that act without a signed-in user go
 * through the policy as this actor (the national admin's row), never around it. Its id 0 is no
 * account: audit entries of the command line carry no user.
 */
export const NATIONAL_OFFICE: Actor = { id: 0, role: 'national_admin', region: null, organizationId: null };

/**
 * What a cell allows: `all` anything of its kind; `region` what belongs to the actor's region;
 * `organization` what belongs to the actor's organisation; `jury` the award rounds whose jury the
 * actor sits on; `false` nothing.
 */
export type Scope = 'all' | 'region' | 'organization' | 'jury' | false;

/** The resource an action is about: its region and organisation where it has them. */
export interface Resource {
  region?: string | null | undefined;
  organizationId?: number | null | undefined;
  /** An award round's jury: the accounts that sit on it. */
  jurors?: readonly number[] | undefined;
}

type Row = Record<Role, Scope>;
const row = (
  national_admin: Scope,
  national_analyst: Scope,
  rfo: Scope,
  org_coordinator: Scope,
  viewer: Scope,
  // A volunteer of the platform (issue 11) may do nothing of the staff's: the rows written before
  // the role existed leave it out.
  volunteer: Scope = false,
  // A juror (issue 13) scores the nominees of his rounds and may do nothing else: the rows written
  // before the role existed leave it out.
  juror: Scope = false,
): Row => ({ national_admin, national_analyst, rfo, org_coordinator, viewer, volunteer, juror });

//                                          admin    analyst  rfo       coordinator      viewer
export const POLICY = {
  /** Accounts: create, change, disable, list. */
  'users.manage': row('all', false, false, false, false),
  /** Reference data: code lists, population, wages, working time, calendar. */
  'reference.edit': row('all', false, false, false, false),
  /** Raw activity records (one, or a list narrowed to the scope). */
  'activities.read': row('all', 'all', 'region', 'organization', false),
  /** Entering, changing and deleting activity records. */
  'activities.write': row('all', false, 'region', 'organization', false),
  /** A region's monthly data as a whole: half-year and annual returns, organisations added to its registry. */
  'region.write': row('all', false, 'region', false, false),
  /** A region's returns (volunteer and organisation stocks) as entered. */
  'stocks.read': row('all', 'all', 'region', 'region', false),
  /** Submitting a region's month. */
  'submissions.submit': row('all', false, 'region', false, false),
  /** Accepting or returning a submission, and reopening an accepted one. */
  'submissions.decide': row('all', 'all', false, false, false),
  /** The status of every region's months without figures (the completeness matrix). */
  'submissions.status': row('all', 'all', 'all', 'all', 'all'),
  /**
   * The status of a region's months with their unpublished counts, and the review view (figures,
   * outliers with record ids, titles and organisers): the reviewers and the region's front office.
   */
  'submissions.read': row('all', 'all', 'region', false, false),
  /** The conversation of a region's period: reading and writing its comments. */
  'submissions.comment': row('all', 'all', 'region', false, false),
  /** Imports of monthly data (activities, volunteer and organisation stocks). */
  'imports.monthly': row('all', false, 'region', false, false),
  /** Imports of reference statistics and appeals. */
  'imports.national': row('all', false, false, false, false),
  /** Exports of monthly data. */
  'exports.monthly': row('all', 'all', 'region', false, false),
  /** Exports of reference statistics (public figures in the first place). */
  'exports.reference': row('all', 'all', 'all', false, false),
  /** Exports of the information centre's appeals. */
  'exports.appeals': row('all', 'all', false, false, false),
  /** The audit trail. */
  'audit.read': row('all', 'all', 'region', false, false),
  /** The organisation registry. */
  'organizations.read': row('all', 'all', 'region', 'region', 'all'),
  /** Correcting a registry entry (name, type, BIN) in place. */
  'organizations.edit': row('all', false, 'region', 'organization', false),
  /** Moving an organisation to another region. */
  'organizations.move': row('all', false, false, false, false),
  /**
   * Figures submitted but not yet accepted, on every report route. A front office sees every
   * region's: the national report it reviews its month against shows them all.
   */
  'reports.provisional': row('all', 'all', 'all', false, false),
  /** The e-mail outbox: what was sent to whom, what waits, what failed. */
  'outbox.read': row('all', false, false, false, false),
  /** A volunteer's own account on the platform: profile, export, erasure (only ever their own). */
  'volunteers.self': row(false, false, false, false, false, 'all'),
  /** The platform's organisations: their verification queue, verifying, rejecting, suspending. */
  'platform.orgs.moderate': row('all', 'all', 'region', false, false),
  /**
   * The platform's opportunities and shifts of the coordinator's own organisation: creating,
   * publishing, closing, cancelling, and reading its drafts (verified organisations only: the
   * account has an organisation only while it is verified).
   */
  'platform.opportunities.manage': row(false, false, false, 'organization', false),
  /** Disputes of confirmed hours: reading and settling those of the region's opportunities. */
  'platform.disputes.settle': row('all', false, 'region', false, false),
  /**
   * Answering a probable duplicate between a record of the platform and one of the front office's
   * (DOMAIN.md §7): marking the pair "not a duplicate". Deleting its own record is activities.write.
   */
  'platform.duplicates.resolve': row('all', false, 'region', false, false),
  /**
   * Award candidates from the record book (volunteers by confirmed hours and assessments, with
   * their names): the region's front office proposes, the national office approves.
   */
  'awards.candidates': row('all', 'all', 'region', false, false),
  /**
   * The information centre's appeals (DOMAIN.md §8): reading them with the applicant's name and
   * contact, registering, assigning, answering, resolving, closing and reopening. The national
   * office all; a front office those of its region (an appeal from abroad or without a region is
   * the national office's).
   */
  'appeals.work': row('all', 'all', 'region', false, false),
  /** The monthly figures of the appeals (counts and times, nothing personal), and the targets. */
  'appeals.stats': row('all', 'all', 'region', false, 'all'),
  /**
   * Grant monitoring (DOMAIN.md §8): the register of grant projects, reporting rounds and each
   * project's data provision, kept by the national office.
   */
  'grants.manage': row('all', 'all', false, false, false),
  /**
   * Reading grant projects and rounds: a front office those with its region among their regions, a
   * coordinator his organisation's (the grantee's).
   */
  'grants.read': row('all', 'all', 'region', 'organization', false),
  /**
   * A grantee's report through the platform (its activities, which become the region's records):
   * the coordinator of the grantee organisation, or the national admin entering one received by mail.
   */
  'grants.report': row('all', false, false, 'organization', false),
  /** Publishing and removing entries of the public register of unscrupulous grant implementers. */
  'register.manage': row('all', 'all', false, false, false),
  /** The "Zhana Bastama" competition's calls: quotas, closing applications, closing scores and selecting. */
  'competition.manage': row('all', 'all', false, false, false),
  /** A call and its applications: a front office its region's, a coordinator his organisation's. */
  'competition.read': row('all', 'all', 'region', 'organization', false),
  /** Applying to a call: the coordinator of a verified organisation on the platform. */
  'competition.apply': row(false, false, false, 'organization', false),
  /** Scoring applications as a member of the regional commission: the front office of the region. */
  'competition.score': row(false, false, 'region', false, false),
  /**
   * Letters of thanks (every half-year) and the region's Best Volunteer (every year): reading them
   * and downloading their PDF — the region's front office and the national office.
   */
  'awards.letters.read': row('all', 'all', 'region', false, false),
  /**
   * Choosing a region's letters of thanks and its Best Volunteer from the proposed candidates,
   * withdrawing a choice not yet approved, and issuing an approved one: the region's front office
   * (the national admin may act for it).
   */
  'awards.letters.choose': row('all', false, 'region', false, false),
  /** Approving or returning the front offices' choices: the national office. */
  'awards.letters.approve': row('all', 'all', false, false, false),
  /**
   * The national award rounds (Volunteer of the Year): reading a round, its nominations, nominees and
   * jury (scores only once it is closed) — staff, and the jurors of the round.
   */
  'awards.rounds.read': row('all', 'all', 'all', false, false, false, 'jury'),
  /** Creating a round with its nominations and criteria, seating its jury, moving it on: the national admin. */
  'awards.rounds.manage': row('all', false, false, false, false),
  /** Entering a nominee with a justification: the front office for its region, the national office for any. */
  'awards.nominate': row('all', false, 'region', false, false),
  /** Scoring nominees and declaring conflicts of interest: the jurors of the round only. */
  'awards.score': row(false, false, false, false, false, false, 'jury'),
} as const satisfies Record<string, Row>;

export type Action = keyof typeof POLICY;

/** Why a cell refuses, in words the caller can act on. */
const REFUSAL: Record<Action, (r: Resource) => string> = {
  'users.manage': () => 'Accounts are managed by the national admin',
  'reference.edit': () => 'Reference data is changed by the national admin',
  'activities.read': (r) =>
    r.region
      ? `You may not read the records of region ${r.region}`
      : 'Viewers see published figures, not raw records',
  'activities.write': (r) =>
    r.region
      ? `You may not change the records of region ${r.region}`
      : 'Your role may not change activity records',
  'region.write': (r) =>
    r.region
      ? `You may not change the data of region ${r.region}`
      : 'Your role may not change a region’s data',
  'stocks.read': (r) =>
    r.region
      ? `You may not read the records of region ${r.region}`
      : 'Your role may not read a region’s returns',
  'submissions.submit': (r) =>
    `Only the RFO of ${r.region ?? 'the region'} or the national admin may submit its data`,
  'submissions.decide': () => 'Only the national office may accept, return or reopen a submission',
  'submissions.status': () => 'Sign in first',
  'submissions.read': (r) =>
    r.region
      ? `You may not review the data of region ${r.region}`
      : 'Submissions are for national and regional staff',
  'submissions.comment': (r) =>
    r.region
      ? `You may not read or write the comments of region ${r.region}`
      : 'Comments on submissions are for national and regional staff',
  'imports.monthly': (r) =>
    r.region ? `You may not change the data of region ${r.region}` : 'Your role may not import monthly data',
  'imports.national': () => 'Only the national admin may import reference data and appeals',
  'exports.monthly': (r) =>
    r.region
      ? `You may not export the data of region ${r.region}`
      : 'Exports are for national and regional staff',
  'exports.reference': () => 'Exports are for national and regional staff',
  'exports.appeals': () => 'Appeals are exported by national staff only',
  'audit.read': (r) =>
    r.region
      ? 'You may read the trail of your own region’s data only'
      : 'The audit trail is for national and regional staff',
  'organizations.read': (r) =>
    r.region ? `You may not read the registry of region ${r.region}` : 'Your role may not read the registry',
  'organizations.edit': (r) =>
    r.organizationId != null
      ? `You may not change organisation ${r.organizationId}`
      : 'You may not change organisations',
  'organizations.move': (r) =>
    r.region
      ? `Only the national admin may move an organisation to region ${r.region}`
      : 'Only the national admin may move an organisation to another region',
  'reports.provisional': () =>
    'Provisional figures (submitted but not yet accepted by the national office) are for national and regional front-office staff only: sign in as staff, or leave out provisional=true for the published figures',
  'outbox.read': () => 'The e-mail outbox is read by the national admin',
  'volunteers.self': () => 'Only a volunteer of the platform has a volunteer profile',
  'platform.orgs.moderate': (r) =>
    r.region
      ? `Only the front office of ${r.region} or the national office may verify, reject or suspend its organisations`
      : 'Organisations on the platform are verified by the front offices and the national office',
  'platform.opportunities.manage': (r) =>
    r.organizationId != null
      ? `Only the coordinator of organisation ${r.organizationId} may manage its opportunities`
      : 'Opportunities are managed by the coordinator of a verified organisation on the platform',
  'platform.disputes.settle': (r) =>
    r.region
      ? `Only the front office of ${r.region} or the national office may settle its disputes of hours`
      : 'Disputes of hours are settled by the front offices and the national office',
  'platform.duplicates.resolve': (r) =>
    r.region
      ? `Only the front office of ${r.region} or the national admin may resolve its probable duplicates`
      : 'Probable duplicates are resolved by the front office of their region or the national admin',
  'awards.candidates': (r) =>
    r.region
      ? `Only the front office of ${r.region} or the national office may read its award candidates`
      : 'Award candidates are read by the front offices and the national office',
  'appeals.work': (r) =>
    r.region
      ? `Only the front office of ${r.region} or the national office may work its appeals`
      : 'Appeals are worked by the national office and the front offices (those of their region)',
  'appeals.stats': (r) =>
    r.region
      ? `You may not read the appeals' figures of region ${r.region}`
      : 'The appeals’ figures are for staff and government viewers',
  'grants.manage': () => 'Grant projects and reporting rounds are kept by the national office',
  'grants.read': (r) =>
    r.organizationId != null
      ? `You may not read the grant projects of organisation ${r.organizationId}`
      : r.region
        ? `You may not read the grant projects of region ${r.region}`
        : 'Grant projects are read by the national office, the front offices and the grantees',
  'grants.report': (r) =>
    r.organizationId != null
      ? `Only the coordinator of organisation ${r.organizationId} (the grantee) may report on its project`
      : 'A grant project is reported on by the coordinator of its grantee organisation',
  'register.manage': () => 'The register of unscrupulous grant implementers is kept by the national office',
  'competition.manage': () => 'The competition’s calls are run by the national office',
  'competition.read': (r) =>
    r.organizationId != null
      ? `You may not read the applications of organisation ${r.organizationId}`
      : r.region
        ? `You may not read the competition’s applications of region ${r.region}`
        : 'The competition is read by the national office, the front offices and the applicants',
  'competition.apply': (r) =>
    r.organizationId != null
      ? `Only the coordinator of organisation ${r.organizationId} may apply for it`
      : 'Organisations apply through the coordinator of a verified organisation on the platform',
  'competition.score': (r) =>
    r.region
      ? `Only the commission of ${r.region} (its front office) may score its applications`
      : 'Applications are scored by the regional commission (the front office of the region)',
  'awards.letters.read': (r) =>
    r.region
      ? `Only the front office of ${r.region} or the national office may read its letters of thanks`
      : 'Letters of thanks are read by the front offices and the national office',
  'awards.letters.choose': (r) =>
    r.region
      ? `Only the front office of ${r.region} may choose, withdraw or issue its letters of thanks and its Best Volunteer`
      : 'Letters of thanks and the Best Volunteer are chosen by the front office of the region',
  'awards.letters.approve': () =>
    'Letters of thanks and the Best Volunteer are approved by the national office',
  'awards.rounds.read': (r) =>
    r.jurors ? 'You do not sit on the jury of this round' : 'Award rounds are for staff and their jurors',
  'awards.rounds.manage': () => 'Award rounds are set up and moved on by the national admin',
  'awards.nominate': (r) =>
    r.region
      ? `Only the front office of ${r.region} or the national office may nominate from region ${r.region}`
      : 'Nominees are entered by the front offices and the national office',
  'awards.score': (r) =>
    r.jurors ? 'You do not sit on the jury of this round' : 'Only the jurors of a round score its nominees',
};

export const scopeOf = (actor: Actor, action: Action): Scope => POLICY[action][actor.role];

/** Whether the actor may do `action` on `resource`. An empty resource asks "on anything at all?". */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  const scope = scopeOf(actor, action);
  if (scope === false) return false;
  if (scope === 'all') return true;
  if (scope === 'jury') return resource.jurors === undefined || resource.jurors.includes(actor.id);
  if (scope === 'region') {
    if (actor.region === null) return false;
    return resource.region === undefined || resource.region === actor.region;
  }
  if (actor.organizationId === null) return false;
  return (
    (resource.organizationId === undefined || resource.organizationId === actor.organizationId) &&
    (resource.region === undefined ||
      resource.region === actor.region ||
      resource.organizationId !== undefined)
  );
}

/** The signed-in actor, or 401. */
export function requireActor<A extends Actor>(actor: A | null | undefined): A {
  if (!actor) throw unauthorized();
  return actor;
}

/** The actor when allowed; 401 for nobody, 403 with the reason otherwise. */
export function authorize<A extends Actor>(
  actor: A | null | undefined,
  action: Action,
  resource: Resource = {},
): A {
  const a = requireActor(actor);
  if (!can(a, action, resource)) throw forbidden(REFUSAL[action](resource));
  return a;
}

/** The refusal of `action` on `resource`, for callers that refuse after collecting (imports). */
export const refusal = (action: Action, resource: Resource = {}) => forbidden(REFUSAL[action](resource));

/**
 * The filter a listing must apply for `action`: nothing for `all`, the actor's region or
 * organisation otherwise (403 when the role has no scope). A region the caller asked for outside
 * that scope is refused rather than silently replaced.
 */
export function listScope(
  actor: Actor,
  action: Action,
  asked: Resource = {},
): { region?: string; organizationId?: number; juror?: number } {
  authorize(actor, action, asked);
  const scope = scopeOf(actor, action);
  if (scope === 'region') return { region: actor.region as string };
  if (scope === 'organization') return { organizationId: actor.organizationId as number };
  if (scope === 'jury') return { juror: actor.id };
  return {};
}
