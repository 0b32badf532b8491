// The access matrix's machinery: who calls, on which side of the scope, and what status the policy
// table says each cell must get. The table of routes is in matrix.routes.ts; the walk in
// test/access.matrix.test.ts. Expected statuses are computed with `can` from src/domain/policy.ts,
// never written per cell, so that the test and the policy cannot drift apart.
import { type Action, type Actor, can, type Resource } from '../../src/domain/policy.ts';

/**
 * The callers of every route: nobody, and each role (RFO and coordinator on both sides; a platform
 * volunteer; a juror of the award rounds, who sits on the `own` round and not on the `foreign` one).
 */
export const CALLERS = [
  'anonymous',
  'admin',
  'analyst',
  'rfo',
  'otherRfo',
  'coordinator',
  'otherCoordinator',
  'viewer',
  'volunteer',
  'juror',
] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * Which resource a request is about: `own` belongs to region KZ-75 and organisation A (the `rfo`
 * and `coordinator` callers'), `foreign` to region KZ-79 and organisation B (the `otherRfo` and
 * `otherCoordinator` callers'); `any` is a request without a region or organisation.
 */
export type Side = 'own' | 'foreign' | 'any';

/**
 * What decides a route: an action of the policy (every one listed must allow), `public` (anyone,
 * signed in or not) or `signed-in` (anyone signed in).
 */
export type Access = 'public' | 'signed-in' | Action | Action[];

export interface MatrixRequest {
  /** Path and query string. */
  url: string;
  payload?: string | Buffer | object;
  headers?: Record<string, string>;
  /** The resource the policy is asked about; `{}` when the request names none. */
  resource: Resource;
}

export interface Variant {
  /** Tells variants of one route apart in the mismatch list (e.g. `kind=activities`, `provisional`). */
  name?: string;
  access: Access;
  /** false: the request names no region or organisation, so it is made once per caller (side `any`). */
  scoped: boolean;
  /** Statuses an allowed caller may get (one unless the reason is written beside it). */
  success: number[];
  /**
   * The status of an anonymous caller when it is not the policy's 401: an option of a public route
   * refused to anyone without the right (provisional figures: 403, as the route documents).
   */
  anonymous?: number;
  /**
   * The request ends the caller's session (sign-in replaces it, sign-out revokes it): made with a
   * session of its own for the same user, so that the other cells keep theirs.
   */
  ownSession?: boolean;
  /** A fresh request for one cell: fresh resources where the call changes them. */
  build(side: Side, caller: Caller): Promise<MatrixRequest>;
}

export interface Entry {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as the OpenAPI document names it (`/api/activities/{id}`). */
  path: string;
  variants: Variant[];
}

export const routeKey = (e: { method: string; path: string }) => `${e.method.toUpperCase()} ${e.path}`;

/** The statuses the policy table gives `actor` (null: anonymous) for this variant and resource. */
export function expectedStatuses(v: Variant, actor: Actor | null, resource: Resource): number[] {
  if (v.access === 'public') return v.success;
  if (actor === null) return [v.anonymous ?? 401];
  if (v.access === 'signed-in') return v.success;
  const actions = Array.isArray(v.access) ? v.access : [v.access];
  return actions.every((a) => can(actor, a, resource)) ? v.success : [403];
}

export interface Cell {
  route: string;
  variant: string;
  caller: Caller;
  side: Side;
  expected: number[];
  got: number;
  /** The start of the answer, for the mismatch list. */
  body: string;
}

/** The mismatch list as a table, one line per cell. */
export function formatMismatches(cells: Cell[]): string {
  if (cells.length === 0) return 'no mismatch';
  const rows = cells.map((c) => [
    c.route + (c.variant ? ` [${c.variant}]` : ''),
    c.caller,
    c.side,
    c.expected.join('|'),
    String(c.got),
    c.body.replace(/\s+/g, ' ').slice(0, 100),
  ]);
  const head = ['route', 'caller', 'side', 'expected', 'got', 'answer'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) =>
    r.map((x, i) => (i === r.length - 1 ? x : x.padEnd(widths[i] as number))).join('  ');
  return [`${cells.length} mismatching cell(s):`, line(head), ...rows.map(line)].join('\n');
}
