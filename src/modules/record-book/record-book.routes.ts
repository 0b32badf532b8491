// The record book, its certificates and their public check (FORMATS.md "Platform API").
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { AppError } from '../../lib/errors.ts';
import { problems, text } from '../../lib/schemas.ts';
import { regionNameIn } from '../awards/awards.book.ts';
import {
  certificateBodySchema,
  certificateSchema,
  codeCheckSchema,
  codeParamsSchema,
  recordBookSchema,
} from './record-book.schemas.ts';
import { certificateDocument, issueCertificate, readRecordBook, verifyCode } from './record-book.service.ts';
import { letterPage, pageLang, tooManyPage, unknownPage, verifiedPage } from './verify-page.ts';

const volunteerOnly = async (request: { user: Parameters<typeof authorize>[0] }) => {
  authorize(request.user, 'volunteers.self');
};

export default async function recordBookRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/platform/volunteers/me/record-book',
    {
      onRequest: volunteerOnly,
      schema: {
        tags: ['platform-volunteers'],
        summary: 'My record book: confirmed participations, totals by year and area',
        description:
          'Every participation whose hours the organisation confirmed (revoked ones left out), oldest first, times in Kazakhstan time. Visible to the volunteer only.',
        response: { 200: recordBookSchema, ...problems(401, 403) },
      },
    },
    async (request) => readRecordBook(app.database.db, request.user),
  );

  app.post(
    '/api/platform/volunteers/me/certificates',
    {
      onRequest: volunteerOnly,
      schema: {
        tags: ['platform-volunteers'],
        summary: 'Issue a certificate of my record book (PDF and .docx)',
        description:
          'All of the record book, or one `year`, in `lang` (kk, ru, en). 201 with the verification code (80 random bits, printed as four groups of four) and the addresses of the PDF, the .docx and the public check. An empty record book (or year): 409 record_book_empty. A newer certificate of the same scope supersedes the older ones.',
        body: certificateBodySchema,
        response: { 201: certificateSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await issueCertificate(app.database.db, requireActor(request.user), request.body)),
  );

  for (const format of ['pdf', 'docx'] as const)
    app.get(
      `/api/platform/volunteers/me/certificates/:code.${format}`,
      {
        onRequest: volunteerOnly,
        schema: {
          tags: ['platform-volunteers'],
          summary: `One of my certificates as ${format === 'pdf' ? 'PDF' : '.docx'}`,
          description: 'Another volunteer’s or an unknown code: 404.',
          params: codeParamsSchema,
          response: { 200: z.any(), ...problems(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const doc = await certificateDocument(
          app.database.db,
          requireActor(request.user),
          request.params.code,
          format,
        );
        return reply
          .type(
            format === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          )
          .header('content-disposition', `attachment; filename="${doc.filename}"`)
          .header('cache-control', 'private, no-store')
          .send(doc.body);
      },
    );

  app.get(
    '/api/verify/:code',
    {
      config: { public: true },
      schema: {
        tags: ['platform-public'],
        summary: 'Check a certificate’s or a letter’s code',
        description:
          'A record-book certificate: `valid`, `superseded` (a newer certificate of the same scope exists) or `revoked` (hours behind it revoked or corrected since), with the holder’s initials, the totals and entries as issued and the issue date; never the IIN, e-mail or birth date. A letter of thanks or a Best Volunteer letter (issue 13): `kind: letter`, `valid`, with the holder’s initials (an organisation’s name), the region, the half-year or year and the issue date. Typing is forgiven (case, spaces, dashes, O for 0, I/L for 1). Unknown: 404. Limited to 60 checks a minute per client address (429 with Retry-After).',
        params: codeParamsSchema,
        response: { 200: codeCheckSchema, ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const result = await verifyCode(app.database.db, request.params.code, request.ip);
      if ('retryAfterSeconds' in result) {
        reply.header('retry-after', String(result.retryAfterSeconds));
        throw new AppError(
          429,
          'rate_limited',
          `Too many checks; try again in ${result.retryAfterSeconds} s`,
        );
      }
      return result;
    },
  );

  // The page anyone opens from the QR code: server-rendered, no JavaScript needed.
  app.get(
    '/verify/:code',
    {
      config: { public: true },
      schema: {
        hide: true,
        params: z.object({ code: text(40) }),
        querystring: z.object({ lang: text(5).optional() }).passthrough(),
      },
    },
    async (request, reply) => {
      const lang = pageLang(request.query, request.headers['accept-language']);
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff');
      try {
        const result = await verifyCode(app.database.db, request.params.code, request.ip);
        if ('retryAfterSeconds' in result) {
          reply.header('retry-after', String(result.retryAfterSeconds));
          return reply.status(429).send(tooManyPage(lang, result.retryAfterSeconds));
        }
        if ('kind' in result)
          return reply.send(
            letterPage(result, lang, await regionNameIn(app.database.db, result.region, lang)),
          );
        return reply.send(verifiedPage(result, lang));
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return reply.status(404).send(unknownPage(lang));
        throw err;
      }
    },
  );
}
