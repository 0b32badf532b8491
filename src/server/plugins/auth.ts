// Resolves the session cookie on every request and enforces CSRF on state-changing ones: a request
// that carries a session cookie and changes state must echo the session's token in X-CSRF-Token
// (the SameSite cookie alone does not protect older browsers or same-site subdomains).
import type { FastifyInstance } from 'fastify';
import { forbidden, unauthorized } from '../../lib/errors.ts';
import {
  type ResolvedSession,
  resolveSession,
  SESSION_COOKIE,
  type SessionUser,
} from '../../modules/users/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** A state-changing route open to anonymous callers (sign-in, sign-out). */
    public?: boolean;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(app.database.db, token) : null;
    const unsafe = !SAFE.has(request.method);
    // Routes change state only for a signed-in user unless they say they are public: refused
    // before the body is read, so that anonymous callers learn nothing from validation errors.
    const isPublic = request.routeOptions.config?.public === true || request.routeOptions.url === undefined;
    if (!session) {
      if (unsafe && !isPublic) throw unauthorized();
      return;
    }
    // Signing in again must stay possible with a stale cookie and no token; the session the
    // cookie carries is then ended by the sign-in, which replaces it in this browser.
    if (
      unsafe &&
      request.headers['x-csrf-token'] !== session.csrfToken &&
      request.routeOptions.url !== '/api/auth/login'
    ) {
      throw forbidden('Missing or wrong X-CSRF-Token header');
    }
    request.session = session;
    request.user = session.user;
  });
}
