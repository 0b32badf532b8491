// Builds the Fastify application. Order matters: external plugins first (cookies, multipart, rate
// limit, OpenAPI), then our own plugins (errors, auth) that depend on them, then the routes, so
// that every route is documented and every request passes through the session check.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
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
import { registerAuth } from './plugins/auth.ts';
import { registerDataVersion } from './plugins/data-version.ts';
import { registerErrorHandler } from './plugins/errors.ts';
import { registerWebApp } from './plugins/web.ts';
import { registerRoutes } from './routes.ts';

export interface AppOptions {
  database: Database;
  logger?: boolean | object;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes?: number;
  /** Directory of the built web application, served at / when present. */
  webRoot?: string;
  /** Login attempts per minute per IP. */
  loginRateLimit?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Required<Pick<AppOptions, 'maxUploadBytes' | 'loginRateLimit'>> & AppOptions;
  }
}

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 5 * 1024 * 1024,
    // Behind the national office's reverse proxy the client address comes from X-Forwarded-For.
    trustProxy: process.env.TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', opts.database);
  app.decorate('config', {
    maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
    loginRateLimit: 10,
    ...opts,
  });

  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, files: 1, fields: 10 },
  });
  await app.register(rateLimit, { global: false });
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
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app);
  registerDataVersion(app);
  await registerRoutes(app);
  if (opts.webRoot) await registerWebApp(app, opts.webRoot);
  return app;
}
