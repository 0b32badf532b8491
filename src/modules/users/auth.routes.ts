// Sign-in, sign-out and "who am I". The session lives in the database (sessions.ts); the browser
// holds only an opaque token in an HttpOnly, SameSite=Strict cookie and echoes the CSRF token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { AppError } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import {
  changeOwnPassword,
  linkBase,
  requestPasswordReset,
  setPasswordWithToken,
} from './accounts.service.ts';
import { authenticateWithLimits } from './login-limits.ts';
import {
  createSession,
  purgeOldSessions,
  revokeSession,
  SESSION_COOKIE,
  sessionCookieOptions,
} from './sessions.ts';
import { toUserView } from './users.repository.ts';
import {
  authResponseSchema,
  changePasswordBodySchema,
  forgotPasswordBodySchema,
  forgotPasswordResponseSchema,
  loginBodySchema,
  sessionResponseSchema,
  setPasswordBodySchema,
  setPasswordResponseSchema,
} from './users.schemas.ts';
import { dummyPasswordHash } from './users.service.ts';

const WRONG = 'Wrong email or password';

/** 429 with Retry-After: too many attempts of one kind from one account or client. */
function tooMany(reply: FastifyReply, retryAfterSeconds: number, what: string): AppError {
  reply.header('retry-after', String(retryAfterSeconds));
  return new AppError(429, 'rate_limited', `Too many ${what}; try again in ${retryAfterSeconds} s`);
}

/** The one answer of "forgot password", whether or not the address has an account. */
const FORGOT_ANSWER =
  'If an account has this address, a message with a link to set a new password is on its way. The link works once, for an hour.';

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
      if ('retryAfterSeconds' in result)
        throw tooMany(
          reply,
          result.retryAfterSeconds,
          `failed sign-in attempts ${result.scope === 'account' ? 'for this account' : 'from this address'}`,
        );
      const user = result.user;
      if (!user) throw new AppError(401, 'invalid_credentials', WRONG);
      // A session cookie sent along with the login is replaced: end that session too.
      if (request.session) await revokeSession(app.database.db, request.session.sessionId);
      const s = await createSession(app.database.db, user.id);
      await purgeOldSessions(app.database.db);
      reply.setCookie(SESSION_COOKIE, s.token, sessionCookieOptions(s.expiresAt));
      const { disabled: _d, createdAt: _c, pending: _p, ...view } = toUserView(user);
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

  app.post(
    '/api/auth/forgot',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Forgot password: e-mail a one-time link to set a new one',
        description:
          'Always 202 with the same answer, whether or not the address has an account (the message goes only to an enabled account, in the language `lang`; the link works once, for an hour). Limited per address typed and per client: over a limit, 429 with Retry-After.',
        body: forgotPasswordBodySchema,
        response: { 202: forgotPasswordResponseSchema, ...problems(400, 403, 429) },
      },
    },
    async (request, reply) => {
      const result = await requestPasswordReset(app.database.db, app.config.resetLimits, {
        email: request.body.email,
        lang: request.body.lang,
        baseUrl: linkBase(app.config.publicUrl),
        clientAddress: request.ip,
      });
      if ('retryAfterSeconds' in result)
        throw tooMany(reply, result.retryAfterSeconds, 'requests for a password link');
      return reply.status(202).send({ message: FORGOT_ANSWER });
    },
  );

  app.post(
    '/api/auth/set-password',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Set a password with the token of an invitation or reset link',
        description:
          'The token works once: used already or expired, 410 token_used / token_expired; unknown or replaced by a newer link, 400 token_invalid. A password breaking the rule: 422 weak_password (the link still works). Every session of the account ends; the answer names its e-mail, to sign in with.',
        body: setPasswordBodySchema,
        response: { 200: setPasswordResponseSchema, ...problems(400, 403, 410, 422) },
      },
    },
    async (request) => setPasswordWithToken(app.database.db, request.body.token, request.body.password),
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change the password of the signed-in user',
        description:
          'The current password must be right (400 wrong_password; limited as sign-in is: 429). The new one follows the rule (422 weak_password). The other sessions of the user end; this one stays.',
        body: changePasswordBodySchema,
        response: { 204: z.null(), ...problems(400, 401, 403, 422, 429) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.user);
      const session = request.session;
      if (!session) throw new AppError(401, 'unauthorized', 'Sign in first');
      const result = await changeOwnPassword(
        app.database.db,
        app.config.loginLimits,
        { id: actor.id, email: session.user.email, isDemo: session.user.isDemo },
        {
          current: request.body.current,
          next: request.body.next,
          sessionId: session.sessionId,
          clientAddress: request.ip,
        },
      );
      if ('retryAfterSeconds' in result)
        throw tooMany(reply, result.retryAfterSeconds, 'wrong passwords for this account');
      return reply.status(204).send(null);
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
