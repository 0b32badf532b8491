// Sign-in, sign-out and "who am I". The session lives in the database (sessions.ts); the browser
// holds only an opaque token in an HttpOnly, SameSite=Strict cookie and echoes the CSRF token.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { AppError, unauthorized } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { authenticateWithLimits } from './login-limits.ts';
import {
  createSession,
  purgeOldSessions,
  revokeSession,
  SESSION_COOKIE,
  sessionCookieOptions,
} from './sessions.ts';
import { toUserView } from './users.repository.ts';
import { authResponseSchema, loginBodySchema, sessionResponseSchema } from './users.schemas.ts';
import { dummyPasswordHash } from './users.service.ts';

const WRONG = 'Wrong email or password';

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  void dummyPasswordHash(); // ready before the first sign-in with an unknown email

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        description:
          'Sets the HttpOnly session cookie and returns the CSRF token to send as X-CSRF-Token on every state-changing request. Failed attempts are limited per account and per client address, across all servers: over a limit the answer is 429 with Retry-After (seconds).',
        body: loginBodySchema,
        response: { 200: authResponseSchema, ...problems(401, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const result = await authenticateWithLimits(
        app.database.db,
        app.config.loginLimits,
        email,
        password,
        request.ip,
      );
      if ('retryAfterSeconds' in result) {
        reply.header('retry-after', String(result.retryAfterSeconds));
        throw new AppError(
          429,
          'rate_limited',
          `Too many failed sign-in attempts ${result.scope === 'account' ? 'for this account' : 'from this address'}; try again in ${result.retryAfterSeconds} s`,
        );
      }
      const user = result.user;
      if (!user) throw unauthorized(WRONG);
      // A session cookie sent along with the login is replaced: end that session too.
      if (request.session) await revokeSession(app.database.db, request.session.sessionId);
      const s = await createSession(app.database.db, user.id);
      await purgeOldSessions(app.database.db);
      reply.setCookie(SESSION_COOKIE, s.token, sessionCookieOptions(s.expiresAt));
      const { disabled: _d, createdAt: _c, ...view } = toUserView(user);
      return { user: view, csrfToken: s.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: revokes the session and clears the cookie',
        response: { 204: z.null(), ...problems(403) },
      },
    },
    async (request, reply) => {
      if (request.session) await revokeSession(app.database.db, request.session.sessionId);
      // The same attributes as the cookie it clears: HttpOnly, SameSite=Strict, Secure in production.
      const { expires: _e, ...attributes } = sessionCookieOptions(new Date(0));
      reply.clearCookie(SESSION_COOKIE, attributes);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token of the session',
        response: { 200: authResponseSchema, ...problems(401) },
      },
    },
    async (request) => {
      const user = requireActor(request.user);
      return { user, csrfToken: request.session?.csrfToken as string };
    },
  );

  // What the web application asks at start on every page, public ones included: a visitor who is
  // not signed in is an ordinary answer (200, user null), not a 401 in every visitor's console.
  app.get(
    '/api/auth/session',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token of the session, or nulls for a visitor',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request) => ({
      user: request.user ?? null,
      csrfToken: request.session?.csrfToken ?? null,
    }),
  );
}
