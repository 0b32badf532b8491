// National award rounds scored by a jury (issue 13 item 3): set-up, nominees, conflicts, scores,
// moving a round on, and the published result (public, no sign-in).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RESULT_RULE } from '../../domain/award-result.ts';
import { allowedTo, rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import {
  conflictBodySchema,
  jurorBodySchema,
  nomineeBodySchema,
  publicRoundListSchema,
  publicRoundSchema,
  roundBodySchema,
  roundListSchema,
  roundSchema,
  scoresBodySchema,
  statusBodySchema,
} from './rounds.schemas.ts';
import {
  assertRoundAccess,
  createRound,
  declareConflict,
  enterNominee,
  listRounds,
  moveRound,
  publicRound,
  publishedRounds,
  readRound,
  scoreNominee,
  seatJuror,
} from './rounds.service.ts';

const db = (request: FastifyRequest) => request.server.database.db;
const guard =
  (action: Parameters<typeof assertRoundAccess>[3]) =>
  async (request: FastifyRequest): Promise<void> =>
    assertRoundAccess(db(request), request.user, rawId(request), action);
const created = z.object({ id: z.number().int() });

export default async function roundsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/awards/rounds',
    {
      onRequest: allowedTo('awards.rounds.read'),
      schema: {
        tags: ['awards'],
        summary: 'Award rounds (Volunteer of the Year): all for staff, his own for a juror',
        response: { 200: roundListSchema, ...problems(401, 403) },
      },
    },
    async (request) => listRounds(app.database.db, request.user),
  );

  app.post(
    '/api/awards/rounds',
    {
      onRequest: allowedTo('awards.rounds.manage'),
      schema: {
        tags: ['awards'],
        summary:
          'Set up a round: its nominations (domestic and international apart) with their criteria, and the scale',
        description:
          'The national admin. Every criterion is scored 1..scaleMax; the criteria’s order decides ties. One Volunteer of the Year round per year: 409 round_exists. The round starts `nominating`.',
        body: roundBodySchema,
        response: { 201: created, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRound(app.database.db, request.user, request.body)),
  );

  app.get(
    '/api/awards/rounds/:id',
    {
      onRequest: guard('awards.rounds.read'),
      schema: {
        tags: ['awards'],
        summary: 'One round: nominations, nominees, jury; scores and places once it is closed',
        description: `While open, a juror sees his own scores and conflicts, the staff how many scores each juror has entered — nobody another juror's values. Once closed, every score and each nomination's ranking. ${RESULT_RULE} Staff, and the jurors of the round (another round's juror: 403).`,
        params: idParamsSchema,
        response: { 200: roundSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => readRound(app.database.db, request.user, request.params.id),
  );

  app.post(
    '/api/awards/rounds/:id/jurors',
    {
      onRequest: guard('awards.rounds.manage'),
      schema: {
        tags: ['awards'],
        summary: 'Seat a juror (an account of the role juror) under the name the results publish',
        description:
          'Not an active juror account: 422 not_a_juror; no name given and none on the account: 422 juror_name_required; a closed round: 409 round_closed.',
        params: idParamsSchema,
        body: jurorBodySchema,
        response: {
          200: z.object({ user: z.number().int(), name: z.string() }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => seatJuror(app.database.db, request.user, request.params.id, request.body),
  );

  app.post(
    '/api/awards/rounds/:id/nominees',
    {
      onRequest: allowedTo('awards.nominate'),
      schema: {
        tags: ['awards'],
        summary: 'Enter a nominee with a justification',
        description:
          'The front office for its own region (another region: 403), the national office for any; a volunteer of the platform or a name. Only while the round is `nominating`: 409 round_not_nominating. Unknown nomination: 422 unknown_nomination; the same volunteer twice in a nomination: 409 already_nominated.',
        params: idParamsSchema,
        body: nomineeBodySchema,
        response: { 201: created, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await enterNominee(app.database.db, request.user, request.params.id, request.body)),
  );

  app.post(
    '/api/awards/rounds/:id/conflicts',
    {
      onRequest: guard('awards.score'),
      schema: {
        tags: ['awards'],
        summary: 'Declare a conflict of interest with a nominee (a juror of the round)',
        description:
          'From then on the juror scores none of this nominee (409 conflict_of_interest); scores he gave it are taken out. Declared again: the first declaration stands. A closed round: 409 round_closed.',
        params: idParamsSchema,
        body: conflictBodySchema,
        response: {
          201: z.object({
            nominee: z.number().int(),
            declaredAt: z.string(),
            withdrawnScores: z.number().int(),
          }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await declareConflict(app.database.db, request.user, request.params.id, request.body)),
  );

  app.put(
    '/api/awards/rounds/:id/scores',
    {
      onRequest: guard('awards.score'),
      schema: {
        tags: ['awards'],
        summary: 'Score a nominee, criterion by criterion (a juror of the round)',
        description:
          'Each score 1..the round’s scaleMax (outside: 400 score_out_of_scale); a criterion the nomination lacks: 400 unknown_criterion. A score given again replaces the earlier one while the round is `scoring`; before: 409 round_not_scoring; closed: 409 round_closed. A nominee the juror declared a conflict with: 409 conflict_of_interest.',
        params: idParamsSchema,
        body: scoresBodySchema,
        response: {
          200: z.object({ nominee: z.number().int(), scored: z.number().int() }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => scoreNominee(app.database.db, request.user, request.params.id, request.body),
  );

  app.post(
    '/api/awards/rounds/:id/status',
    {
      onRequest: guard('awards.rounds.manage'),
      schema: {
        tags: ['awards'],
        summary: 'Move the round on: nominating → scoring → closed → published',
        description:
          'One step at a time (409 round_transition otherwise). Closing freezes the scores and shows them; publishing puts the result with the jury’s names on the public page.',
        params: idParamsSchema,
        body: statusBodySchema,
        response: {
          200: z.object({ status: z.enum(['scoring', 'closed', 'published', 'nominating']) }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => moveRound(app.database.db, request.user, request.params.id, request.body.status),
  );

  app.get(
    '/api/awards/results',
    {
      schema: {
        tags: ['awards-public'],
        summary: 'Published award rounds (anyone)',
        response: { 200: publicRoundListSchema },
      },
    },
    async () => publishedRounds(app.database.db),
  );

  app.get(
    '/api/awards/results/:id',
    {
      schema: {
        tags: ['awards-public'],
        summary: 'A published round’s result with the jury’s names (anyone)',
        description: `${RESULT_RULE} Not published: 404.`,
        params: idParamsSchema,
        response: { 200: publicRoundSchema, ...problems(400, 404) },
      },
    },
    async (request) => publicRound(app.database.db, request.params.id),
  );
}
