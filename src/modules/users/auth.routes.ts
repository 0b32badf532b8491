// Sign-in, sign-out and "who am I". The session lives in the database (sessions.ts); the browser
// holds only an opaque token in an HttpOnly, SameSite=Strict cookie and echoes the CSRF token.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { AppError, unauthorized } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import {
  createSession,
  purgeOldSessions,
  revokeSession,
  SESSION_COOKIE,
  sessionCookieOptions,
} from './sessions.ts';
import { toUserView } from './users.repository.ts';
import { authResponseSchema, loginBodySchema } from './users.schemas.ts';
import { authenticate, dummyPasswordHash } from './users.service.ts';

const WRONG = 'Wrong email or password';

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  void dummyPasswordHash(); // ready before the first sign-in with an unknown email

  app.post(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: app.config.loginRateLimit,
          timeWindow: '1 minute',
          errorResponseBuilder: (_req, ctx) =>
            new AppError(429, 'rate_limited', `Too many sign-in attempts; try again in ${ctx.after}`),
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        description:
          'Sets the HttpOnly session cookie and returns the CSRF token to send as X-CSRF-Token on every state-changing request. Rate-limited per client address.',
        body: loginBodySchema,
        response: { 200: authResponseSchema, ...problems(401, 429) },
      },
    },
    async (request, reply) => {
      const user = await authenticate(app.database.db, request.body.email, request.body.password);
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
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
}
