import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, badRequest } from '../../lib/errors.ts';
import { nestedDeeperThan } from '../../lib/json-depth.ts';

/** No route's body nests deeper (a reference upload is 2 levels, a code's free attributes a few more). */
export const MAX_BODY_DEPTH = 32;

/**
 * Database refusals that a request can cause (a duplicate key two requests raced for, a number out
 * of a column's range): the caller's problem, so a 4xx, never a 500. PostgreSQL SQLSTATE codes and
 * better-sqlite3's codes.
 */
function databaseRefusal(err: unknown): { status: number; code: string; message: string } | null {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return { status: 409, code: 'duplicate', message: 'Such a record exists already' };
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return {
      status: 409,
      code: 'conflict',
      message: 'The record refers to, or is referred to by, another one',
    };
  if (code === '40001' || code === '40P01')
    return { status: 409, code: 'conflict', message: 'Another change came in at the same time; try again' };
  if (code === '22003' || code === '22P02' || code === '22001' || code === '22021' || code === '54000')
    return { status: 400, code: 'bad_request', message: 'A value is out of range or malformed' };
  return null;
}

// One handler for every error: a JSON body { error, message, details }, with 5xx details hidden.
// Before any route validates a body, one nested too deeply for the recursive code after the parser
// (the validator, JSON.stringify) is refused, so that no route, present or future, can answer 500.
export function registerErrorHandler(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (nestedDeeperThan(request.body, MAX_BODY_DEPTH))
      throw badRequest(`The body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep`, [
        { rule: 'max_depth', value: MAX_BODY_DEPTH },
      ]);
  });
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: err.code, message: err.message, details: err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.status(400).send({
        error: 'invalid_request',
        message: `Invalid ${err.validationContext ?? 'request'}`,
        details: err.validation.map((v) => ({
          column: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined,
          rule: v.keyword,
          message: v.message,
        })),
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response does not match its schema');
      return reply.status(500).send({ error: 'internal', message: 'Internal error', details: [] });
    }
    const refused = databaseRefusal(err);
    if (refused) {
      request.log.warn({ err }, 'database refused the request');
      return reply
        .status(refused.status)
        .send({ error: refused.code, message: refused.message, details: [] });
    }
    const fe = err as FastifyError;
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'unhandled error');
      return reply.status(500).send({ error: 'internal', message: 'Internal error', details: [] });
    }
    const code = (fe.code ?? 'bad_request').replace(/^FST_(ERR_)?/, '').toLowerCase();
    return reply.status(status).send({ error: code, message: fe.message, details: [] });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: 'not_found', message: `No route ${request.method} ${request.url}`, details: [] }),
  );
}
