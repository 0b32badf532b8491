// The platform's organisations (FORMATS.md "Platform API"): registering one with its coordinator
// (public, limited per client address), the front office's queue, and its decisions.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { AppError } from '../../lib/errors.ts';
import { rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import { revokeSession, SESSION_COOKIE, sessionCookieOptions } from '../users/sessions.ts';
import {
  platformOrganizationSchema,
  queueQuerySchema,
  queueResponseSchema,
  registrationBodySchema,
  registrationResponseSchema,
  suspendBodySchema,
  verifyBodySchema,
} from './platform-organizations.schemas.ts';
import {
  assertMayModerate,
  listQueue,
  myOrganization,
  registerOrganization,
  suspendOrganization,
  verifyOrganization,
} from './platform-organizations.service.ts';

// Scope before the body is read: someone who may not decide on this organisation gets 403, not 400.
const moderator = async (request: FastifyRequest) => {
  const actor = authorize(request.user, 'platform.orgs.moderate');
  const id = rawId(request);
  if (id !== null) await assertMayModerate(request.server.database.db, actor, id);
};

export default async function platformOrganizationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/platform/organizations',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: 'Register an organisation and its coordinator, signed in',
        description:
          "Creates the coordinator account (role org_coordinator) and the organisation, `pending` until the front office of its region or the national office verifies it; sets the session cookie and answers the CSRF token. The BIN (12 digits with the check digit; required for `npo` and `company`: 400 bin_required, bin_format, bin_check_digit) is the key: a BIN the registry knows (monthly data) joins that entry instead of creating a twin, as does an entry of the same region, type and name without a BIN; the registration is then a claim (`claim: true`) that the front office verifies. An entry on the platform already: 409 organization_registered; the same name with another BIN: 409 organization_name_taken. An address with an account: 409 email_taken; a weak password: 422 weak_password. The account has its organisation's scope only while the organisation is verified. Registrations are limited per client address (every request counts): over the limit, 429 with Retry-After.",
        body: registrationBodySchema,
        response: { 201: registrationResponseSchema, ...problems(400, 403, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const result = await registerOrganization(app.database.db, request.body, request.ip);
      if ('retryAfterSeconds' in result) {
        reply.header('retry-after', String(result.retryAfterSeconds));
        throw new AppError(
          429,
          'rate_limited',
          `Too many registrations from this address; try again in ${result.retryAfterSeconds} s`,
        );
      }
      // A session cookie sent along is replaced, as at sign-in: end that session too.
      if (request.session) await revokeSession(app.database.db, request.session.sessionId);
      reply.setCookie(SESSION_COOKIE, result.session.token, sessionCookieOptions(result.session.expiresAt));
      return reply.status(201).send(result.answer);
    },
  );

  app.get(
    '/api/platform/organizations',
    {
      onRequest: async (request) => {
        authorize(request.user, 'platform.orgs.moderate');
      },
      schema: {
        tags: ['platform'],
        summary: 'The verification queue: organisations on the platform, oldest registration first',
        description:
          'RFO staff see their region’s (another region asked for: 403), national staff every region’s. `status=pending` is the queue of registrations waiting for a decision.',
        querystring: queueQuerySchema,
        response: { 200: queueResponseSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listQueue(app.database.db, requireActor(request.user), request.query),
  );

  app.get(
    '/api/platform/organizations/mine',
    {
      schema: {
        tags: ['platform'],
        summary: 'The organisation the signed-in coordinator registered, with its status',
        description:
          'Its status (`pending`, `verified`, `rejected`, `suspended`) and the reason of a rejection or suspension. 404 for an account that registered none.',
        response: { 200: platformOrganizationSchema, ...problems(401, 404) },
      },
    },
    async (request) => myOrganization(app.database.db, requireActor(request.user)),
  );

  app.post(
    '/api/platform/organizations/:id/verify',
    {
      onRequest: moderator,
      schema: {
        tags: ['platform'],
        summary: 'Verify or reject an organisation',
        description:
          'By the front office of the organisation’s region or the national office. `verified` from `pending` or `suspended` (verified again); `rejected` from `pending`, with a reason (400 reason_required). Another status: 409 status_transition. The coordinator is e-mailed in his language; the step is audited.',
        params: idParamsSchema,
        body: verifyBodySchema,
        response: { 200: platformOrganizationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      verifyOrganization(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/platform/organizations/:id/suspend',
    {
      onRequest: moderator,
      schema: {
        tags: ['platform'],
        summary: 'Suspend a verified organisation, with a reason',
        description:
          'By the front office of the organisation’s region or the national office; the reason is required (400 reason_required); only a verified organisation (409 status_transition). Verifying it again lifts the suspension. The coordinator loses the organisation’s scope meanwhile, is e-mailed, and the step is audited.',
        params: idParamsSchema,
        body: suspendBodySchema,
        response: { 200: platformOrganizationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      suspendOrganization(app.database.db, requireActor(request.user), request.params.id, request.body),
  );
}
