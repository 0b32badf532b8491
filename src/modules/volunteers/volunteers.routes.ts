// The platform's volunteers (FORMATS.md "Platform API"): registration (public, limited per client
// address), the e-mail and guardian links (public), and the volunteer's own profile, export and
// erasure. Thin: the rules are in volunteers.service.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { AppError } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { linkBase } from '../users/accounts.service.ts';
import { DEFAULT_SIGNUP_LIMIT } from '../users/login-limits.ts';
import { revokeSession, SESSION_COOKIE, sessionCookieOptions } from '../users/sessions.ts';
import {
  confirmResponseSchema,
  guardianConsentResponseSchema,
  registerVolunteerBodySchema,
  registerVolunteerResponseSchema,
  tokenBodySchema,
  updateVolunteerBodySchema,
  volunteerExportSchema,
  volunteerResponseSchema,
} from './volunteers.schemas.ts';
import {
  confirmEmail,
  eraseOwnAccount,
  exportOwnData,
  getOwnVolunteer,
  recordGuardianConsent,
  registerVolunteer,
  updateOwnVolunteer,
} from './volunteers.service.ts';

const TAGS = ['platform-volunteers'];

export default async function volunteersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/platform/volunteers',
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        summary: 'Register as a volunteer (signed in at once)',
        description:
          'Anyone. `consent.personalData` must be true (400 consent_required). Birth date, gender, region and employment are checked against the reference data (422); under 14: 400 too_young; under 18 a guardian `{ name, email }` is required (400 guardian_required; from 18, 400 guardian_not_needed) and receives a consent link. The IIN is optional: checked (400 iin_format, iin_check_digit, iin_invalid, iin_birth_date_mismatch, iin_gender_mismatch), stored only as a keyed hash and its last 4 digits; one account per IIN (409 iin_taken) and per e-mail (409 email_taken). A link to confirm the address is e-mailed. Limited per client address: 429 with Retry-After. Sets the session cookie; answers the CSRF token.',
        body: registerVolunteerBodySchema,
        response: { 201: registerVolunteerResponseSchema, ...problems(400, 409, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const result = await registerVolunteer(app.database.db, request.body, {
        clientAddress: request.ip,
        baseUrl: linkBase(app.config.publicUrl),
        limit: app.config.signupLimit ?? DEFAULT_SIGNUP_LIMIT,
      });
      if ('retryAfterSeconds' in result) {
        reply.header('retry-after', String(result.retryAfterSeconds));
        throw new AppError(
          429,
          'rate_limited',
          `Too many registrations from this address; try again in ${result.retryAfterSeconds} s`,
        );
      }
      // A session cookie sent along is replaced: end that session too.
      if (request.session) await revokeSession(app.database.db, request.session.sessionId);
      const s = result.session;
      reply.setCookie(SESSION_COOKIE, s.token, sessionCookieOptions(s.expiresAt));
      return reply.status(201).send({ volunteer: result.volunteer, csrfToken: s.csrfToken });
    },
  );

  app.post(
    '/api/platform/volunteers/confirm',
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        summary: 'Confirm a volunteer’s e-mail address with the link’s token',
        description:
          'The token works once: used already or expired, 410 token_used / token_expired; unknown, 400 token_invalid.',
        body: tokenBodySchema,
        response: { 200: confirmResponseSchema, ...problems(400, 410) },
      },
    },
    async (request) => {
      await confirmEmail(app.database.db, request.body.token);
      return { confirmed: true as const };
    },
  );

  app.post(
    '/api/platform/guardian-consent',
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        summary: 'A parent or guardian consents to a minor’s volunteering with the link’s token',
        description:
          'The token works once: used already or expired, 410 token_used / token_expired; unknown, 400 token_invalid.',
        body: tokenBodySchema,
        response: { 200: guardianConsentResponseSchema, ...problems(400, 410) },
      },
    },
    async (request) => {
      await recordGuardianConsent(app.database.db, request.body.token);
      return { confirmed: true as const };
    },
  );

  app.get(
    '/api/platform/volunteers/me',
    {
      schema: {
        tags: TAGS,
        summary: 'The signed-in volunteer’s profile (the IIN as its last 4 digits only)',
        response: { 200: volunteerResponseSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => ({ volunteer: await getOwnVolunteer(app.database.db, requireActor(request.user)) }),
  );

  app.patch(
    '/api/platform/volunteers/me',
    {
      schema: {
        tags: TAGS,
        summary: 'Change the signed-in volunteer’s profile',
        description:
          'Name, region, employment, residence, disability, skills, languages, the e-mail language, and (under 18) the guardian: a new guardian address asks the new guardian’s consent anew (pending; the old link ends; 400 guardian_not_needed from 18). Birth date and gender are fixed. Codes are checked against the reference data (422).',
        body: updateVolunteerBodySchema,
        response: { 200: volunteerResponseSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => ({
      volunteer: await updateOwnVolunteer(
        app.database.db,
        requireActor(request.user),
        request.body,
        linkBase(app.config.publicUrl),
      ),
    }),
  );

  app.get(
    '/api/platform/volunteers/me/export',
    {
      schema: {
        tags: TAGS,
        summary: 'All the signed-in volunteer’s data, as a JSON attachment',
        response: { 200: volunteerExportSchema, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.user);
      const data = await exportOwnData(app.database.db, actor);
      reply.header('content-disposition', `attachment; filename="birgemiz-volunteer-${actor.id}.json"`);
      return data;
    },
  );

  app.delete(
    '/api/platform/volunteers/me',
    {
      schema: {
        tags: TAGS,
        summary: 'Erase the signed-in volunteer’s account',
        description:
          'Personal data is erased, the account anonymised and disabled, every session ends (the cookie is cleared); statistics derived already stay as anonymous figures.',
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await eraseOwnAccount(app.database.db, requireActor(request.user));
      const { expires: _e, ...attributes } = sessionCookieOptions(new Date(0));
      reply.clearCookie(SESSION_COOKIE, attributes);
      return reply.status(204).send(null);
    },
  );
}
