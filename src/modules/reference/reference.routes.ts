// Reference data: public reading (territories with lineage, code lists, population, wages, working
// time); changes by the national admin only, validated and audited (reference.service.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/policy.ts';
import { allowedTo } from '../../lib/guards.ts';
import { problems } from '../../lib/schemas.ts';
import type { SessionUser } from '../users/sessions.ts';
import {
  codeItemCreateSchema,
  codeItemInputSchema,
  codeItemSchema,
  codeListsSchema,
  itemParamsSchema,
  langQuerySchema,
  listParamsSchema,
  type PopulationRow,
  populationBodySchema,
  populationRowSchema,
  territoryParamsSchema,
  territoryQuerySchema,
  territorySchema,
  territoryUpdateSchema,
  upsertResultSchema,
  type WageRow,
  type WorkingTimeRow,
  wageBodySchema,
  wageRowSchema,
  workingTimeBodySchema,
  workingTimeSchema,
  yearQuerySchema,
  yearRegionQuerySchema,
} from './reference.schemas.ts';
import {
  codeList,
  codeLists,
  population,
  putCodeItem,
  putPopulation,
  putWages,
  putWorkingTime,
  territories,
  updateTerritory,
  wages,
  workingTime,
} from './reference.service.ts';

// Checked before the body is validated: without the right the answer is 401/403, whatever the body.
const editor = allowedTo('reference.edit');
const writeErrors = problems(400, 401, 403, 404, 409, 422);
const asArray = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

export default async function referenceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;

  app.get(
    '/api/reference/territories',
    {
      schema: {
        tags: ['reference'],
        summary: 'Territorial units with names, KATO codes, validity, cartogram tiles and lineage',
        querystring: territoryQuerySchema,
        response: { 200: z.array(territorySchema), ...problems(400) },
      },
    },
    async (request) => territories(db(), request.query.map, request.query.lang),
  );

  app.put(
    '/api/reference/territories/:code',
    {
      onRequest: editor,
      schema: {
        tags: ['reference'],
        summary: 'Rename a territorial unit or correct its KATO code or tile (national admin)',
        params: territoryParamsSchema,
        body: territoryUpdateSchema,
        response: { 200: territorySchema, ...writeErrors },
      },
    },
    async (request) => updateTerritory(db(), requireActor(request.user), request.params.code, request.body),
  );

  app.get(
    '/api/reference/code-lists',
    {
      schema: {
        tags: ['reference'],
        summary: 'All code lists, inactive items included (marked), names in lang',
        querystring: langQuerySchema,
        response: { 200: codeListsSchema, ...problems(400) },
      },
    },
    async (request) => codeLists(db(), request.query.lang),
  );

  app.get(
    '/api/reference/code-lists/:list',
    {
      schema: {
        tags: ['reference'],
        summary: 'One code list',
        params: listParamsSchema,
        querystring: langQuerySchema,
        response: { 200: z.array(codeItemSchema), ...problems(400, 404) },
      },
    },
    async (request) => codeList(db(), request.params.list, request.query.lang),
  );

  app.put(
    '/api/reference/code-lists/:list/:code',
    {
      onRequest: editor,
      schema: {
        tags: ['reference'],
        summary: 'Create or change an item of a code list (national admin)',
        description:
          'A new code is valid for imports at once; `active: false` retires a code while keeping the records that use it readable.',
        params: itemParamsSchema,
        body: codeItemInputSchema,
        response: { 200: codeItemSchema, 201: codeItemSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { list, code } = request.params;
      const { item, created } = await putCodeItem(db(), requireActor(request.user), list, code, request.body);
      return reply.status(created ? 201 : 200).send(item);
    },
  );

  app.post(
    '/api/reference/code-lists/:list',
    {
      onRequest: editor,
      schema: {
        tags: ['reference'],
        summary: 'Add a code to a code list (national admin); 409 if it exists',
        params: listParamsSchema,
        body: codeItemCreateSchema,
        response: { 201: codeItemSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.user);
      const { code, ...input } = request.body;
      const { item } = await putCodeItem(db(), actor, request.params.list, code, input, 'create');
      return reply.status(201).send(item);
    },
  );

  const stats = [
    {
      path: 'population',
      what: 'Population by region and year',
      query: yearRegionQuerySchema,
      row: populationRowSchema,
      body: populationBodySchema,
      read: (q: { year?: number; region?: string }) => population(db(), q),
      write: (actor: SessionUser, rows: unknown[]) => putPopulation(db(), actor, rows as PopulationRow[]),
    },
    {
      path: 'wages',
      what: "Average monthly nominal wage by region ('' = national), activity ('' = all) and year",
      query: yearRegionQuerySchema,
      row: wageRowSchema,
      body: wageBodySchema,
      read: (q: { year?: number; region?: string }) => wages(db(), q),
      write: (actor: SessionUser, rows: unknown[]) => putWages(db(), actor, rows as WageRow[]),
    },
    {
      path: 'working-time',
      what: 'Legal working time by year and the hours of a full-time-equivalent year',
      query: yearQuerySchema,
      row: workingTimeSchema,
      body: workingTimeBodySchema,
      read: (q: { year?: number }) => workingTime(db(), q),
      write: (actor: SessionUser, rows: unknown[]) => putWorkingTime(db(), actor, rows as WorkingTimeRow[]),
    },
  ] as const;

  for (const s of stats) {
    app.get(
      `/api/reference/${s.path}`,
      {
        schema: {
          tags: ['reference'],
          summary: s.what,
          querystring: s.query,
          response: { 200: z.array(s.row), ...problems(400) },
        },
      },
      async (request) => s.read(request.query as { year?: number; region?: string }),
    );
    for (const method of ['put', 'post'] as const) {
      app[method](
        `/api/reference/${s.path}`,
        {
          onRequest: editor,
          schema: {
            tags: ['reference'],
            summary: `Insert or update rows: ${s.what.toLowerCase()} (national admin)`,
            description: 'One row or an array; all-or-nothing; each change audited with old and new value.',
            body: s.body,
            response: { 200: upsertResultSchema, ...writeErrors },
          },
        },
        async (request) => s.write(requireActor(request.user), asArray(request.body as unknown)),
      );
    }
  }
}
