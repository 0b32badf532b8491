// Builds the Fastify application. Order matters: external plugins first (security headers, cookies,
// multipart, OpenAPI), then our own plugins (errors, auth) that depend on them, then the
// routes, so that every route is documented and every request passes through the session check.

import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/connection.ts';
import type { BuildQueue } from '../modules/reports/build-limit.ts';
import {
  DEFAULT_LOGIN_LIMITS,
  DEFAULT_RESET_LIMITS,
  type LoginLimit,
  type LoginLimits,
} from '../modules/users/login-limits.ts';
import { loggerOptions } from './logging.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerDataVersion } from './plugins/data-version.ts';
import { registerErrorHandler } from './plugins/errors.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerWebApp } from './plugins/web.ts';
import { registerRoutes } from './routes.ts';
import { parseApiDocs, parsePublicUrl, parseTrustProxy } from './settings.ts';

export interface AppOptions {
  database: Database;
  logger?: boolean | object;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes?: number;
  /** Directory of the built web application, served at / when present. */
  webRoot?: string;
  /**
   * Failed sign-in attempts allowed per client address a minute and per account a quarter of an
   * hour (both 10 by default); loginLimits sets the windows too.
   */
  loginRateLimit?: number;
  loginLimits?: LoginLimits;
  /** "Forgot password" requests allowed per e-mail address and per client (default 3 an hour, 10 in 15 minutes). */
  resetLimits?: LoginLimits;
  /** Platform sign-ups allowed per client address (default 10 an hour: DEFAULT_SIGNUP_LIMIT). */
  signupLimit?: LoginLimit;
  /** Appeals through the public form allowed per client address (default 10 an hour: DEFAULT_APPEAL_LIMIT). */
  appealLimit?: LoginLimit;
  /** Where users reach the web application, for links in e-mails (default: PUBLIC_URL, else the request's origin). */
  publicUrl?: string;
  /** Proxies trusted for X-Forwarded-For: a number of hops or their addresses (default: TRUST_PROXY). */
  trustProxy?: number | string | false;
  /** Serve the API documentation at /api/docs (default: API_DOCS, else on outside production). */
  apiDocs?: boolean;
  /** The queue report documents are built in, one at a time (default: a new one; tests hold it). */
  documentBuilds?: BuildQueue;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Required<Pick<AppOptions, 'maxUploadBytes' | 'loginLimits' | 'resetLimits'>> & AppOptions;
  }
}

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Fastify's form of the setting. A hop count becomes a function (Fastify 5.12 trusts no hop for a
 * bare number): the socket's peer and the next n − 1 addresses of X-Forwarded-For, read from the
 * right, are proxies; the address after them is the client's.
 */
function trustProxyOption(setting: number | string | false) {
  if (typeof setting === 'number')
    return setting > 0 ? (_address: string, hop: number) => hop < setting : false;
  return setting;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const limit = opts.loginRateLimit;
  const loginLimits = opts.loginLimits ?? {
    account: { ...DEFAULT_LOGIN_LIMITS.account, ...(limit ? { max: limit } : {}) },
    address: { ...DEFAULT_LOGIN_LIMITS.address, ...(limit ? { max: limit } : {}) },
  };
  const apiDocs = opts.apiDocs ?? parseApiDocs(process.env.API_DOCS);
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    bodyLimit: 5 * 1024 * 1024,
    // Behind the national office's reverse proxies the client address comes from X-Forwarded-For,
    // believed only as far as the configured proxies (settings.ts).
    trustProxy: trustProxyOption(opts.trustProxy ?? parseTrustProxy(process.env.TRUST_PROXY)),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', opts.database);
  app.decorate('config', {
    maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
    ...opts,
    loginLimits,
    resetLimits: opts.resetLimits ?? DEFAULT_RESET_LIMITS,
    publicUrl: opts.publicUrl ?? parsePublicUrl(process.env.PUBLIC_URL),
  });

  registerErrorHandler(app);
  await registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, files: 1, fields: 10 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Birgemiz API',
        description: 'National system for monitoring and supporting volunteering in Kazakhstan',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bgz_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // The OpenAPI document stays (tests and tools read it); the browsable UI only where configured.
  if (apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app);
  registerDataVersion(app);
  await registerRoutes(app);
  if (opts.webRoot) await registerWebApp(app, opts.webRoot);
  return app;
}
