// Letters of thanks and the region's Best Volunteer (issue 13 item 2): organisation candidates, the
// front office's choices, the national office's decisions, issuing, and the PDF.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readCertificateCode } from '../../domain/certificate-code.ts';
import { authorize } from '../../domain/policy.ts';
import { allowedTo, rawId } from '../../lib/guards.ts';
import { idParamsSchema, idSchema, problems, text } from '../../lib/schemas.ts';
import {
  chooseBodySchema,
  decisionBodySchema,
  letterPdfQuerySchema,
  letterSchema,
  lettersQuerySchema,
  lettersSchema,
  orgCandidatesQuerySchema,
  orgCandidatesSchema,
} from './letters.schemas.ts';
import {
  assertLetterAccess,
  chooseLetter,
  decideLetter,
  issueLetter,
  letterDocument,
  listLetters,
  ORG_RULE,
  organizationCandidates,
  ownLetterDocument,
  withdrawLetter,
} from './letters.service.ts';

const db = (request: FastifyRequest) => request.server.database.db;

export default async function lettersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/awards/candidates/organizations',
    {
      onRequest: allowedTo('awards.candidates'),
      schema: {
        tags: ['awards'],
        summary: 'Organisation candidates of a region for a half-year or a year, from the activity records',
        description: `Per organisation of the region: activity records (events), months with records, volunteers, hours, records of months the front office submitted by the deadline, records reporting beneficiaries. ${ORG_RULE} The front office of the region and the national office.`,
        querystring: orgCandidatesQuerySchema,
        response: { 200: orgCandidatesSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => organizationCandidates(app.database.db, request.user, request.query),
  );

  app.get(
    '/api/awards/letters',
    {
      onRequest: allowedTo('awards.letters.read'),
      schema: {
        tags: ['awards'],
        summary: 'Letters of thanks and Best Volunteers: a region’s (front office) or all (national office)',
        description:
          'Filtered by region, period, kind (`thanks`, `best_volunteer`) and status (`chosen`, `approved`, `returned`, `issued`). A front office asking for another region: 403.',
        querystring: lettersQuerySchema,
        response: { 200: lettersSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listLetters(app.database.db, request.user, request.query),
  );

  app.post(
    '/api/awards/letters',
    {
      onRequest: allowedTo('awards.letters.choose'),
      schema: {
        tags: ['awards'],
        summary: 'Choose a letter of thanks (a half-year) or the region’s Best Volunteer (a year)',
        description:
          'The front office of the region (the national admin may act for it) chooses a proposed candidate: a volunteer with confirmed hours in the region’s opportunities in the period, or an organisation with activity records there (otherwise 422 not_a_candidate); the figures behind the choice are kept as they stand. One letter of thanks per person and half-year, one Best Volunteer per region and year: 409 letter_exists (a returned one is chosen again). Another region: 403.',
        body: chooseBodySchema,
        response: { 201: letterSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await chooseLetter(app.database.db, request.user, request.body)),
  );

  app.delete(
    '/api/awards/letters/:id',
    {
      onRequest: async (request) =>
        assertLetterAccess(db(request), request.user, rawId(request), 'awards.letters.choose'),
      schema: {
        tags: ['awards'],
        summary: 'Withdraw a choice not approved yet (chosen or returned)',
        description: 'Approved or issued: 409 letter_locked.',
        params: idParamsSchema,
        response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await withdrawLetter(app.database.db, request.user, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/awards/letters/:id/decision',
    {
      onRequest: async (request) =>
        assertLetterAccess(db(request), request.user, rawId(request), 'awards.letters.approve'),
      schema: {
        tags: ['awards'],
        summary: 'Approve a front office’s choice, or return it with a comment (the national office)',
        description: 'Only a chosen letter awaits a decision: 409 letter_decided otherwise.',
        params: idParamsSchema,
        body: decisionBodySchema,
        response: { 200: letterSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => decideLetter(app.database.db, request.user, request.params.id, request.body),
  );

  app.post(
    '/api/awards/letters/:id/issue',
    {
      onRequest: async (request) =>
        assertLetterAccess(db(request), request.user, rawId(request), 'awards.letters.choose'),
      schema: {
        tags: ['awards'],
        summary: 'Issue an approved letter under a verification code',
        description:
          'The code (80 random bits, four groups of four) is checked on /verify/<code> and GET /api/verify/{code} as a record-book certificate’s is; a volunteer’s letter appears in the record book. Not approved: 409 letter_not_approved; issued already: 409 letter_already_issued.',
        params: idParamsSchema,
        response: { 200: letterSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => issueLetter(app.database.db, request.user, request.params.id),
  );

  app.get(
    '/api/awards/letters/:id.pdf',
    {
      onRequest: async (request) =>
        assertLetterAccess(db(request), request.user, rawId(request), 'awards.letters.read'),
      schema: {
        tags: ['awards'],
        summary: 'An issued letter as PDF in kk, ru or en',
        description: 'Not issued yet: 409 letter_not_issued.',
        params: z.object({ id: z.coerce.number().pipe(idSchema) }),
        querystring: letterPdfQuerySchema,
        response: { 200: z.any(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const doc = await letterDocument(app.database.db, request.user, request.params.id, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${doc.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(doc.body);
    },
  );

  app.get(
    '/api/platform/volunteers/me/letters/:code.pdf',
    {
      onRequest: async (request) => {
        authorize(request.user, 'volunteers.self');
      },
      schema: {
        tags: ['platform-volunteers'],
        summary: 'One of my letters of thanks (or Best Volunteer letters) as PDF in kk, ru or en',
        description: 'Another volunteer’s or an unknown code: 404.',
        params: z.object({ code: text(40) }),
        querystring: letterPdfQuerySchema,
        response: { 200: z.any(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const doc = await ownLetterDocument(
        app.database.db,
        request.user,
        readCertificateCode(request.params.code) ?? '',
        request.query.lang,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${doc.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(doc.body);
    },
  );
}
