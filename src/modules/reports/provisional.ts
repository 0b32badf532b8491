// Provisional figures (submitted, not yet accepted by the national office) are not published: only
// national staff and regional front-office staff may ask for them, on every report route (JSON,
// documents, dashboard). Anyone else gets 403 with the reason, signed in or not: the request is
// understood, it is the figures that are not public.
import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../lib/errors.ts';
import { isNational } from '../users/access.ts';

export const PROVISIONAL_REFUSED =
  'Provisional figures (submitted but not yet accepted by the national office) are for national and regional front-office staff only: sign in as staff, or leave out provisional=true for the published figures';

export function assertProvisionalAllowed(request: FastifyRequest, provisional: boolean): void {
  if (!provisional) return;
  const user = request.user;
  if (!user || !(isNational(user) || user.role === 'rfo')) throw forbidden(PROVISIONAL_REFUSED);
}
