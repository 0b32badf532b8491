// The information centre's appeals (issue 13 item 1): the public form (a token, then the appeal,
// limited per client address), the staff's queue, page and steps, the monthly figures and targets.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { refuse } from '../../lib/errors.ts';
import { allowedTo, rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import { countAddressRequest, type LoginLimit } from '../users/login-limits.ts';
import { issueFormToken, MIN_FILL_MS } from './appeals.form.ts';
import {
  answerBodySchema,
  appealListSchema,
  appealViewSchema,
  assignBodySchema,
  assigneeListSchema,
  closeBodySchema,
  formTokenSchema,
  listQuerySchema,
  monthlyQuerySchema,
  monthlySchema,
  publicBodySchema,
  publicCreatedSchema,
  registerBodySchema,
  reopenBodySchema,
  resolveBodySchema,
  stepResultSchema,
  targetsBodySchema,
  targetsSchema,
} from './appeals.schemas.ts';
import {
  answer,
  assertMayWork,
  assign,
  assigneesOf,
  close,
  listAppeals,
  readAppeal,
  registerByStaff,
  registerPublic,
  reopen,
  resolve,
} from './appeals.service.ts';
import { monthlyFigures, setTargets, targetsFor } from './appeals.stats.ts';

/** Appeals through the public form allowed per client address: 10 an hour. */
export const DEFAULT_APPEAL_LIMIT: LoginLimit = { max: 10, windowMs: 60 * 60_000 };

const db = (request: FastifyRequest) => request.server.database.db;
const worker = allowedTo('appeals.work');
const mayWorkThis = async (request: FastifyRequest) =>
  assertMayWork(db(request), request.user, rawId(request));
const stepErrors = problems(400, 401, 403, 404, 409);

export default async function appealsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/appeals/form',
    {
      config: { public: true },
      schema: {
        tags: ['appeals'],
        summary: 'The public appeal form’s token',
        description: `A signed token with the time it was issued. The form sends it back with the appeal, at least ${MIN_FILL_MS / 1000} s and at most a day later; each token registers one appeal.`,
        response: { 200: formTokenSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { token: issueFormToken(), minSeconds: MIN_FILL_MS / 1000 };
    },
  );

  app.post(
    '/api/appeals/public',
    {
      config: { public: true },
      // Every post counts against the address, whatever its body: a flood is refused before it is read.
      onRequest: async (request, reply) => {
        const limit = request.server.config.appealLimit ?? DEFAULT_APPEAL_LIMIT;
        const refused = await countAddressRequest(db(request), 'appeal_address', limit, request.ip);
        if (refused) {
          reply.header('retry-after', String(refused.retryAfterSeconds));
          throw refuse(
            429,
            'appeal_rate_limited',
            `Too many appeals from your address; try again in ${refused.retryAfterSeconds} s`,
            { seconds: refused.retryAfterSeconds },
          );
        }
      },
      schema: {
        tags: ['appeals'],
        summary: 'Send an appeal to the information centre (anyone, no account)',
        description:
          'Topic (code list appeal_topic), related to volunteering or not, gender, a region of Kazakhstan or a country abroad, the text (at most 5,000 characters: 400 appeal_text_too_long), and optionally a name, an e-mail address (the answer goes there, in `lang`) and a telephone number. Refused: the hidden field `website` filled (400 appeal_spam), a token not the server’s (400 appeal_form_invalid), older than a day (400 appeal_form_expired), sent within 3 s of the form opening (400 appeal_too_fast) or used already (409 appeal_form_used). 10 appeals an hour per client address (429 appeal_rate_limited with Retry-After). Text is stored as typed.',
        body: publicBodySchema,
        response: { 201: publicCreatedSchema, ...problems(400, 409, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await registerPublic(app.database.db, request.body)),
  );

  app.get(
    '/api/appeals',
    {
      onRequest: worker,
      schema: {
        tags: ['appeals'],
        summary: 'The appeals queue: the national office’s all, a front office’s of its region',
        description:
          'Newest first; filters status (or `open`: new and in progress), region (`none`: from abroad or unknown), overdue=true (open and past a target now), mine=true (assigned to me). Each with its overdue flags and due times. A front office asking for another region: 403.',
        querystring: listQuerySchema,
        response: { 200: appealListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listAppeals(app.database.db, request.user, request.query),
  );

  app.post(
    '/api/appeals',
    {
      onRequest: worker,
      schema: {
        tags: ['appeals'],
        summary: 'Register an appeal taken by phone, e-mail, Telegram, WhatsApp or in person',
        description:
          'Staff: the national office any appeal, a front office one of its region (another region or none: 403). receivedAt defaults to now and cannot be in the future (400 appeal_received_future). Codes of the reference data: 400 unknown_channel, unknown_topic, unknown_gender, unknown_region; a region and a country abroad together: 400 region_and_country.',
        body: registerBodySchema,
        response: {
          201: z.object({ id: z.number().int(), reference: z.string() }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerByStaff(app.database.db, request.user, request.body)),
  );

  app.get(
    '/api/appeals/monthly',
    {
      onRequest: allowedTo('appeals.stats'),
      schema: {
        tags: ['appeals'],
        summary: 'The appeals of a year by month: counts, median times, missed targets',
        description:
          'Months in Kazakhstan time. By status, channel and topic; the median hours to the first answer and days to the result; how many missed each target and how many are overdue now. Duplicates and spam are left out (counted in leftOut). Nothing personal. A front office reads its region only.',
        querystring: monthlyQuerySchema,
        response: { 200: monthlySchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => monthlyFigures(app.database.db, request.user, request.query),
  );

  app.get(
    '/api/appeals/targets',
    {
      onRequest: allowedTo('appeals.stats'),
      schema: {
        tags: ['appeals'],
        summary: 'The targets of the first answer and of the result, in hours (reference data)',
        response: { 200: targetsSchema, ...problems(401, 403) },
      },
    },
    async (request) => targetsFor(app.database.db, request.user),
  );

  app.put(
    '/api/appeals/targets',
    {
      onRequest: allowedTo('reference.edit'),
      schema: {
        tags: ['appeals'],
        summary: 'Change the targets (national admin): code list appeal_target, audited',
        body: targetsBodySchema,
        response: { 200: targetsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => setTargets(app.database.db, requireActor(request.user), request.body),
  );

  app.get(
    '/api/appeals/:id',
    {
      onRequest: mayWorkThis,
      schema: {
        tags: ['appeals'],
        summary: 'An appeal with the applicant’s name and contact, its text and history',
        params: idParamsSchema,
        response: { 200: appealViewSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => readAppeal(app.database.db, request.user, request.params.id),
  );

  app.get(
    '/api/appeals/:id/assignees',
    {
      onRequest: mayWorkThis,
      schema: {
        tags: ['appeals'],
        summary: 'Whom the appeal may be assigned to: the national office and its region’s front office',
        params: idParamsSchema,
        response: { 200: assigneeListSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => assigneesOf(app.database.db, request.user, request.params.id),
  );

  const stepRoute = <B extends z.ZodType>(
    name: string,
    body: B,
    description: string,
    run: (id: number, body: z.infer<B>, request: FastifyRequest) => Promise<z.infer<typeof stepResultSchema>>,
  ) =>
    app.post(
      `/api/appeals/:id/${name}`,
      {
        onRequest: mayWorkThis,
        schema: {
          tags: ['appeals'],
          summary: `${name[0]?.toUpperCase()}${name.slice(1)} an appeal`,
          description,
          params: idParamsSchema,
          body,
          response: { 200: stepResultSchema, ...stepErrors },
        },
      },
      async (request) => run(request.params.id, request.body as z.infer<B>, request),
    );

  stepRoute(
    'assign',
    assignBodySchema,
    'New or in progress → in progress, to a national office member or a front office member of the appeal’s region (another region’s: 400 assignee_other_region; not staff: 400 assignee_not_staff). Resolved or closed: 409 appeal_status_transition.',
    (id, b, r) => assign(app.database.db, r.user, id, b.assignee),
  );
  stepRoute(
    'answer',
    answerBodySchema,
    'An answer while in progress (new: assign first, 409). The first one is the time to first answer; it goes to the applicant’s e-mail address in the form’s language (mailed: true).',
    (id, b, r) => answer(app.database.db, r.user, id, b),
  );
  stepRoute(
    'resolve',
    resolveBodySchema,
    'In progress → resolved, with the result and the answer (required unless one was given: 400 appeal_answer_required); the answer is mailed to the applicant.',
    (id, b, r) => resolve(app.database.db, r.user, id, b),
  );
  stepRoute(
    'close',
    closeBodySchema,
    'New or in progress → closed without a result: duplicate, spam or no_contact (duplicates and spam leave the figures).',
    (id, b, r) => close(app.database.db, r.user, id, b),
  );
  stepRoute(
    'reopen',
    reopenBodySchema,
    'Resolved or closed → in progress (with its assignee) or new, with a note.',
    (id, b, r) => reopen(app.database.db, r.user, id, b),
  );
}
