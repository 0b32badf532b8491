// GET /api/exports/:kind — the stored rows of an exchange format as a file that imports back
// unchanged (staff); GET /api/templates/:kind — the blank template (header row only, public).
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../domain/policy.ts';
import {
  assertMayExport,
  exportFileName,
  type FileOptions,
  mediaType,
  templateWithCodes,
  writeExport,
  writeToTempFile,
} from './export.service.ts';
import {
  exportKindParamsSchema,
  exportQuerySchema,
  type FileQuery,
  fileQuerySchema,
  fileResponseSchema,
} from './exports.schemas.ts';

const fileOptions = (q: FileQuery): FileOptions => ({
  format: q.format,
  lang: q.lang,
  encoding: q.format === 'xlsx' ? 'utf-8' : q.encoding,
  delimiter: q.delimiter ?? (q.encoding === 'windows-1251' ? 'semicolon' : 'comma'),
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
        params: exportKindParamsSchema,
        querystring: exportQuerySchema,
        response: fileResponseSchema('The rows'),
      },
      // 401 / 403 before the query is validated: an anonymous caller learns nothing from a 400.
      onRequest: async (request) => {
        assertMayExport(request.user, (request.params as { kind?: unknown }).kind);
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.user);
      const q = request.query;
      const opts = { ...fileOptions(q), kind: request.params.kind, year: q.year, region: q.region ?? null };
      // Written to a temporary file first: an error half-way is still an error answer, not a cut file.
      const { result, path } = await writeToTempFile((out) => writeExport(app.database.db, actor, opts, out));
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
          'CSV (UTF-8 with BOM unless asked otherwise) or .xlsx, with the column titles in kk, ru or en (en = the codes of FORMATS.md). An .xlsx template has a drop-down on every coded column (codes in en, labels in kk / ru, which import as the codes) and a second sheet of the codes and their labels in its language. Every template imports once data rows are added under its header.',
        params: exportKindParamsSchema,
        querystring: fileQuerySchema,
        response: fileResponseSchema('The template'),
      },
    },
    async (request, reply) => {
      const opts = fileOptions(request.query);
      const kind = request.params.kind;
      const body = await templateWithCodes(app.database.db, kind, opts);
      return attachment(reply, mediaType(opts), `${kind}-template-${opts.lang}.${opts.format}`).send(body);
    },
  );
}
