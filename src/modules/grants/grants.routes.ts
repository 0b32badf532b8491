// Grant projects, reporting rounds and grantees' reports (issue 13 item 4).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../domain/policy.ts';
import { allowedTo, rawId } from '../../lib/guards.ts';
import { idParamsSchema, problems } from '../../lib/schemas.ts';
import { reportProject } from './grantee-report.service.ts';
import {
  projectBodySchema,
  projectDetailSchema,
  projectListQuerySchema,
  projectListSchema,
  projectPatchSchema,
  projectSchema,
  reportBodySchema,
  reportParamsSchema,
  reportResultSchema,
  roundBodySchema,
  roundEntryBodySchema,
  roundListSchema,
  roundProjectParamsSchema,
  roundRowSchema,
  roundSchema,
} from './grants.schemas.ts';
import {
  assertProjectAccess,
  createProject,
  getProject,
  listProjects,
  updateProject,
} from './projects.service.ts';
import { createRound, getRound, listRounds, setRoundEntry } from './rounds.service.ts';

const db = (request: FastifyRequest) => request.server.database.db;

export default async function grantsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/grants/projects',
    {
      schema: {
        tags: ['grants'],
        summary: 'Grant projects (national office; a front office its region’s; a grantee its own)',
        description:
          '`recorded` sums the project’s activity records (its reports through the platform, excluded records left out): of the year when `year` is given (projects active in it), else of every year.',
        querystring: projectListQuerySchema,
        response: { 200: projectListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => listProjects(app.database.db, request.user, request.query),
  );

  app.post(
    '/api/grants/projects',
    {
      onRequest: allowedTo('grants.manage'),
      schema: {
        tags: ['grants'],
        summary: 'Register a grant project (national office)',
        description:
          'The grantee is a registry organisation (422 grant_unknown_organization); area and regions from the reference data (422 unknown_area, unknown_region); yearFrom ≤ yearTo (422 grant_years_order).',
        body: projectBodySchema,
        response: { 201: projectSchema, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProject(app.database.db, requireActor(request.user), request.body)),
  );

  app.get(
    '/api/grants/projects/:id',
    {
      schema: {
        tags: ['grants'],
        summary: 'A grant project: its rounds’ data provision and its records month by month',
        params: idParamsSchema,
        response: { 200: projectDetailSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getProject(app.database.db, request.user, request.params.id),
  );

  app.patch(
    '/api/grants/projects/:id',
    {
      onRequest: allowedTo('grants.manage'),
      schema: {
        tags: ['grants'],
        summary: 'Change a grant project (national office), naming the version read',
        description:
          'A stale version: 409 stale_version with the current project. Each changed field is audited.',
        params: idParamsSchema,
        body: projectPatchSchema,
        response: { 200: projectSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updateProject(app.database.db, requireActor(request.user), request.params.id, request.body),
  );

  app.put(
    '/api/grants/projects/:id/reports/:period',
    {
      onRequest: async (request) =>
        assertProjectAccess(db(request), request.user, rawId(request), 'grants.report'),
      schema: {
        tags: ['grants'],
        summary: 'The grantee’s report of a month: the project’s activities, as activity records',
        description:
          'Each item becomes an activity record of its region and the month (source platform, the project attached, organiser the grantee, external id platform:grant:<project>:<month>:<n>), validated as any record (422 validation_failed with the row of each problem; a region outside the project’s: rule grant_region_outside). The report replaces the project’s records of the month: reporting again changes or removes them, never adds to them (an empty list withdraws the month). A month outside the project’s years: 422 grant_period_outside; not begun yet: 422 grant_period_future. A month already submitted or accepted is changed and marked restated.',
        params: reportParamsSchema,
        body: reportBodySchema,
        response: { 200: reportResultSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) =>
      reportProject(
        app.database.db,
        requireActor(request.user),
        request.params.id,
        request.params.period,
        request.body,
      ),
  );

  app.get(
    '/api/grants/rounds',
    {
      schema: {
        tags: ['grants'],
        summary: 'Reporting rounds, with the count of projects by data provision',
        description: 'Counts cover the projects the caller may read.',
        response: { 200: roundListSchema, ...problems(401, 403) },
      },
    },
    async (request) => listRounds(app.database.db, request.user),
  );

  app.post(
    '/api/grants/rounds',
    {
      onRequest: allowedTo('grants.manage'),
      schema: {
        tags: ['grants'],
        summary: 'Open a reporting round of a year: every project active in it, its status not known yet',
        body: roundBodySchema,
        response: { 201: roundSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRound(app.database.db, requireActor(request.user), request.body)),
  );

  app.get(
    '/api/grants/rounds/:id',
    {
      schema: {
        tags: ['grants'],
        summary: 'A reporting round: each project’s data provision, comment, reported and recorded figures',
        params: idParamsSchema,
        response: { 200: roundSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getRound(app.database.db, request.user, request.params.id),
  );

  app.put(
    '/api/grants/rounds/:id/entries/:project',
    {
      onRequest: async (request) => {
        authorize(request.user, 'grants.manage');
      },
      schema: {
        tags: ['grants'],
        summary: 'A project’s data provision in the round (national office)',
        description:
          'status: provided, duplicated_grantor (the grantee sent the grantor’s figures), refused, unreachable, or null (not known yet); the grantee’s comment and the figures it gave outside the platform. Audited field by field.',
        params: roundProjectParamsSchema,
        body: roundEntryBodySchema,
        response: { 200: roundRowSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) =>
      setRoundEntry(
        app.database.db,
        requireActor(request.user),
        request.params.id,
        request.params.project,
        request.body,
      ),
  );
}
