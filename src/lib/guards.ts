// The access checks a route runs on `onRequest`, before its params and body are validated, so that
// a caller without the right gets 401/403 whatever it sends rather than a 400 about its input. The
// decision is the policy's (domain/policy.ts); these only read the request's user and raw params,
// so they take any request shape that has them (a Fastify request does).
import { type Action, type Actor, authorize, requireActor } from '../domain/policy.ts';
import { idSchema } from './schemas.ts';

/** What a guard reads of a request not validated yet. */
export interface UncheckedRequest {
  user: Actor | null;
  params: unknown;
}

/** Nothing of the routes is public: anonymous callers get 401 before their input is looked at. */
export const signedIn = async (request: UncheckedRequest): Promise<void> => {
  requireActor(request.user);
};

/** Roles the action's row refuses outright get 401/403 before the input is looked at. */
export const allowedTo =
  (action: Action) =>
  async (request: UncheckedRequest): Promise<void> => {
    authorize(request.user, action);
  };

/** A route parameter as sent ('' when absent): the schema validates it later. */
export const rawParam = (request: UncheckedRequest, name: string): string =>
  String((request.params as Record<string, unknown> | undefined)?.[name] ?? '');

/** The `:id` parameter as sent, when it is a valid id; null otherwise (the schema answers 400 later). */
export function rawId(request: UncheckedRequest): number | null {
  const id = idSchema.safeParse(Number((request.params as { id?: unknown } | undefined)?.id));
  return id.success ? id.data : null;
}
