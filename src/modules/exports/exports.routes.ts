// GET /api/exports/:kind — the stored rows of an exchange format as a file that imports back
// unchanged (staff); GET /api/templates/:kind — the blank template (header row only, public).
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMPORT_KINDS } from '../imports/headers.ts';
import { errorSchema } from '../users/users.schemas.ts';
import {
  assertMayExport,
  CONTENT_TYPES,
  exportFileName,
  type FileOptions,
  mediaType,
  templateFile,
  writeExport,
  writeToTempFile,
} from './export.service.ts';

const kindParams = z.object({ kind: z.enum(IMPORT_KINDS).describe('The exchange format (FORMATS.md)') });

const fileQuery = z.object({
  format: z
    .enum(['csv', 'xlsx'])
    .default('csv')
    .describe('csv (default) or xlsx (first sheet, numbers as numbers)'),
  lang: z
    .enum(['en', 'ru', 'kk'])
    .default('en')
    .describe(
      'Header row: en = the column codes of FORMATS.md; ru / kk = the titles the importer accepts as aliases',
    ),
  encoding: z
    .enum(['utf-8', 'windows-1251'])
    .default('utf-8')
    .describe(
      'CSV only: utf-8 (with BOM) or windows-1251 (cannot hold Kazakh letters: 422 when a value needs them)',
    ),
  delimiter: z
    .enum(['comma', 'semicolon'])
    .optional()
    .describe(
      'CSV only: comma, or semicolon with a decimal comma (Excel in a Russian or Kazakh locale). Default: comma for utf-8, semicolon for windows-1251',
    ),
});

const exportQuery = fileQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).describe('Periods (or dates) of this year'),
  region: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Only this region (ISO code such as KZ-75, or its name in kk, ru or en)'),
});

const fileOptions = (q: z.infer<typeof fileQuery>): FileOptions => ({
  format: q.format,
  lang: q.lang,
  encoding: q.format === 'xlsx' ? 'utf-8' : q.encoding,
  delimiter: q.delimiter ?? (q.encoding === 'windows-1251' ? 'semicolon' : 'comma'),
});

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 422: errorSchema };
const fileResponse = (what: string) => ({
  200: {
    description: `${what}, sent as an attachment (Content-Disposition) with the header row of the language asked for`,
    content: {
      [CONTENT_TYPES.csv]: { schema: z.string().describe(`${what} as CSV`) },
      [CONTENT_TYPES.xlsx]: { schema: z.string().describe(`${what} as an .xlsx workbook (binary)`) },
    },
  },
  ...errors,
});

const attachment = (reply: FastifyReply, type: string, name: string) =>
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');

export default async function exportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/exports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Export the stored rows of an exchange format, in the format they are imported in',
        description:
          'The file imports back unchanged (round trip without loss; re-importing it inserts nothing). Activities carry their row key as external_id so that they come back to the same row. National staff export everything; RFO staff their own region (the default when region is left out: another region is 403) and the reference statistics; appeals are for national staff only. 422 when a value cannot be written in Windows-1251 or more rows than an .xlsx sheet holds. The row count is in the X-Export-Rows header.',
        params: kindParams,
        querystring: exportQuery,
        response: fileResponse('The rows'),
      },
      // 401 / 403 before the query is validated: an anonymous caller learns nothing from a 400.
      onRequest: async (request) => {
        assertMayExport(request.user, (request.params as { kind?: unknown }).kind);
      },
    },
    async (request, reply) => {
      const q = request.query;
      const opts = { ...fileOptions(q), kind: request.params.kind, year: q.year, region: q.region ?? null };
      // Written to a temporary file first: an error half-way is still an error answer, not a cut file.
      const { result, path } = await writeToTempFile((out) =>
        writeExport(app.database.db, request.user, opts, out),
      );
      const stream = fs.createReadStream(path);
      stream.on('close', () => fs.rm(path, { force: true }, () => {}));
      return attachment(reply, mediaType(opts), exportFileName({ ...opts, region: result.region }))
        .header('x-export-rows', String(result.rows))
        .send(stream);
    },
  );

  app.get(
    '/api/templates/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'A blank template of an exchange format: the header row only (public)',
        description:
          'CSV (UTF-8 with BOM unless asked otherwise) or .xlsx, with the column titles in kk, ru or en (en = the codes of FORMATS.md). Every template imports once data rows are added under its header.',
        params: kindParams,
        querystring: fileQuery,
        response: fileResponse('The template'),
      },
    },
    async (request, reply) => {
      const opts = fileOptions(request.query);
      const kind = request.params.kind;
      const body = await templateFile(kind, opts);
      return attachment(reply, mediaType(opts), `${kind}-template-${opts.lang}.${opts.format}`).send(body);
    },
  );
}
