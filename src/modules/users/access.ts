// Who may do what. Services call these; a route never decides scope on its own.
import { forbidden, unauthorized } from '../../lib/errors.ts';
import type { Role, SessionUser } from './sessions.ts';

export const NATIONAL: readonly Role[] = ['national_admin', 'national_analyst'];

export function requireUser(user: SessionUser | null | undefined): SessionUser {
  if (!user) throw unauthorized();
  return user;
}

export function requireRole(user: SessionUser | null | undefined, ...roles: Role[]): SessionUser {
  const u = requireUser(user);
  if (!roles.includes(u.role)) throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
  return u;
}

export const isNational = (u: SessionUser) => NATIONAL.includes(u.role);

/** Entering or changing a region's monthly data: the national admin anywhere, RFO staff in their own region. */
export function canWriteRegion(u: SessionUser, region: string): boolean {
  return u.role === 'national_admin' || (u.role === 'rfo' && u.region === region);
}

export function assertWriteRegion(user: SessionUser | null | undefined, region: string): SessionUser {
  const u = requireUser(user);
  if (!canWriteRegion(u, region)) throw forbidden(`You may not change the data of region ${region}`);
  return u;
}

/** Reading a region's raw records (not only aggregates): national staff, and RFO staff of that region. */
export function canReadRegion(u: SessionUser, region: string): boolean {
  return (
    isNational(u) ||
    (u.role === 'rfo' && u.region === region) ||
    (u.role === 'org_coordinator' && u.region === region)
  );
}

export function assertReadRegion(user: SessionUser | null | undefined, region: string): SessionUser {
  const u = requireUser(user);
  if (!canReadRegion(u, region)) throw forbidden(`You may not read the records of region ${region}`);
  return u;
}
