// Provisional figures (submitted, not yet accepted by the national office) are not published: the
// policy's 'reports.provisional' says who may ask for them, on every report route (JSON, documents,
// dashboard). Anyone else gets 403 with the reason, signed in or not: the request is understood, it
// is the figures that are not public. An RFO may ask for any region's provisional figures (no
// region is passed to the policy): a report covers every region, and the dashboard's region is a
// filter, not the resource.
import { type Actor, can, refusal } from '../../domain/policy.ts';

export function assertProvisionalAllowed(user: Actor | null | undefined, provisional: boolean): void {
  if (!provisional) return;
  if (!user || !can(user, 'reports.provisional')) throw refusal('reports.provisional');
}
