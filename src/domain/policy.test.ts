import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors.ts';
import {
  type Action,
  type Actor,
  authorize,
  can,
  listScope,
  NATIONAL_OFFICE,
  POLICY,
  ROLES,
} from './policy.ts';

const admin: Actor = { id: 1, role: 'national_admin', region: null, organizationId: null };
const analyst: Actor = { id: 2, role: 'national_analyst', region: null, organizationId: null };
const rfo: Actor = { id: 3, role: 'rfo', region: 'KZ-75', organizationId: null };
const coordinator: Actor = { id: 4, role: 'org_coordinator', region: 'KZ-75', organizationId: 7 };
const viewer: Actor = { id: 5, role: 'viewer', region: null, organizationId: null };

function refusal(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, message: err.message };
    throw err;
  }
  throw new Error('not refused');
}

describe('the policy table', () => {
  it('has a cell for every role in every row', () => {
    for (const [action, row] of Object.entries(POLICY))
      expect(Object.keys(row).sort(), action).toEqual([...ROLES].sort());
  });

  it('all: anything; region: the actor’s region only; organisation: its own organisation only', () => {
    expect(can(admin, 'activities.write', { region: 'KZ-79', organizationId: 9 })).toBe(true);
    expect(can(rfo, 'activities.write', { region: 'KZ-75', organizationId: 9 })).toBe(true);
    expect(can(rfo, 'activities.write', { region: 'KZ-79' })).toBe(false);
    expect(can(coordinator, 'activities.write', { region: 'KZ-75', organizationId: 7 })).toBe(true);
    expect(can(coordinator, 'activities.write', { region: 'KZ-75', organizationId: 8 })).toBe(false);
    expect(can(viewer, 'activities.read')).toBe(false);
    expect(can(analyst, 'activities.write')).toBe(false);
  });

  it('a scoped role without its region or organisation is allowed nothing', () => {
    const lost: Actor = { ...rfo, region: null };
    expect(can(lost, 'activities.read', { region: 'KZ-75' })).toBe(false);
    expect(can(lost, 'activities.read')).toBe(false);
    expect(can({ ...coordinator, organizationId: null }, 'activities.write', { organizationId: 7 })).toBe(
      false,
    );
  });

  it('closes the coordinator’s review view and the unpublished counts', () => {
    const review: Action = 'submissions.read';
    expect(can(coordinator, review, { region: 'KZ-75' })).toBe(false);
    expect(can(viewer, review)).toBe(false);
    expect(can(rfo, review, { region: 'KZ-75' })).toBe(true);
    expect(can(rfo, review, { region: 'KZ-79' })).toBe(false);
    expect(can(coordinator, 'submissions.status')).toBe(true);
  });

  it('authorize: 401 for nobody, 403 with the reason, the actor otherwise', () => {
    expect(refusal(() => authorize(null, 'activities.read')).status).toBe(401);
    expect(refusal(() => authorize(rfo, 'activities.write', { region: 'KZ-79' }))).toEqual({
      status: 403,
      message: 'You may not change the records of region KZ-79',
    });
    expect(authorize(rfo, 'activities.write', { region: 'KZ-75' })).toBe(rfo);
  });

  it('listScope narrows a list to the actor’s scope and refuses a region outside it', () => {
    expect(listScope(admin, 'activities.read', { region: 'KZ-79' })).toEqual({});
    expect(listScope(rfo, 'activities.read')).toEqual({ region: 'KZ-75' });
    expect(listScope(coordinator, 'activities.read')).toEqual({ organizationId: 7 });
    expect(refusal(() => listScope(rfo, 'activities.read', { region: 'KZ-79' })).status).toBe(403);
    expect(refusal(() => listScope(viewer, 'activities.read')).status).toBe(403);
  });

  it('the command line acts with the national admin’s row', () => {
    for (const action of Object.keys(POLICY) as Action[])
      expect(can(NATIONAL_OFFICE, action, { region: 'KZ-79' }), action).toBe(
        can(admin, action, { region: 'KZ-79' }),
      );
  });

  it('jury: a juror reads and scores the rounds he sits on, and nothing else', () => {
    const juror: Actor = { id: 6, role: 'juror', region: null, organizationId: null };
    expect(can(juror, 'awards.score', { jurors: [6, 9] })).toBe(true);
    expect(can(juror, 'awards.score', { jurors: [9] })).toBe(false);
    expect(can(juror, 'awards.rounds.read', { jurors: [6] })).toBe(true);
    expect(can(juror, 'awards.rounds.read', { jurors: [] })).toBe(false);
    expect(listScope(juror, 'awards.rounds.read')).toEqual({ juror: 6 });
    expect(refusal(() => authorize(juror, 'awards.score', { jurors: [9] }))).toEqual({
      status: 403,
      message: 'You do not sit on the jury of this round',
    });
    // Staff read every round and score none; no other row gives a juror anything.
    expect(can(admin, 'awards.rounds.read', { jurors: [9] })).toBe(true);
    expect(can(admin, 'awards.score', { jurors: [1] })).toBe(false);
    for (const action of Object.keys(POLICY) as Action[])
      if (action !== 'awards.score' && action !== 'awards.rounds.read')
        expect(can(juror, action, { region: 'KZ-75', organizationId: 7 }), action).toBe(false);
  });
});
