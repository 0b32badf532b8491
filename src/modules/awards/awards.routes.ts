// Award candidates for the front offices and the national office.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { allowedTo } from '../../lib/guards.ts';
import { problems } from '../../lib/schemas.ts';
import { candidatesQuerySchema, candidatesSchema } from './awards.schemas.ts';
import { CANDIDATE_RULE, volunteerCandidates } from './awards.service.ts';

export default async function awardsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/awards/candidates/volunteers',
    {
      onRequest: allowedTo('awards.candidates'),
      schema: {
        tags: ['awards'],
        summary: 'Volunteer candidates of a region for a half-year or a year, from the record book',
        description: `Volunteers with confirmed hours (not revoked) in the region's opportunities whose shifts started in the period (Kazakhstan time): hours, participations, organisers, areas, absences and the organisers' assessments (contests upheld left out). ${CANDIDATE_RULE} The front office of the region and the national office; erased accounts left out.`,
        querystring: candidatesQuerySchema,
        response: { 200: candidatesSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => volunteerCandidates(app.database.db, request.user, request.query),
  );
}
