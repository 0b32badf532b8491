// POST /api/imports/:kind — a CSV or .xlsx file of an exchange format (FORMATS.md), uploaded as
// multipart field `file`. The upload is streamed to a temporary file (never held in memory) and
// imported all-or-nothing by the same service as `birgemiz import`; the file is removed afterwards
// (or, when the server was killed meanwhile, at its next start: uploads.ts).
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../domain/policy.ts';
import { AppError, badRequest, tooLarge } from '../../lib/errors.ts';
import { problems } from '../../lib/schemas.ts';
import { isImportKind } from './headers.ts';
import { assertMayImport, runImport } from './import.service.ts';
import { importKindParamsSchema, importQuerySchema, importResultSchema } from './imports.schemas.ts';
import { MAX_LISTED_PROBLEMS } from './problems.ts';
import { makeUploadDir } from './uploads.ts';

// Role and kind are checked before the upload is read: a caller who may not import this kind
// gets 401/403 whatever file it sends. Rows of other regions are refused after reading (403).
const importer = async (request: FastifyRequest) => {
  const actor = requireActor(request.user);
  const kind = (request.params as { kind?: unknown }).kind;
  if (typeof kind === 'string' && isImportKind(kind)) assertMayImport(actor, kind);
};

/** The uploaded file, streamed into `dir`; its path and the name it was sent under. */
async function receiveUpload(
  request: FastifyRequest,
  dir: string,
  maxBytes: number,
): Promise<{ path: string; filename: string | null }> {
  if (!request.isMultipart())
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the file as multipart/form-data, in the field "file"',
    );
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  if (!part) throw badRequest('No file was sent: put it in the multipart field "file"', [], 'no_file');
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw badRequest(`The file must be sent in the field "file", not "${part.fieldname}"`, [], 'no_file');
  }
  const target = path.join(dir, 'upload');
  try {
    await pipeline(part.file, fs.createWriteStream(target));
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  if (part.file.truncated) throw tooBig(maxBytes);
  // Only words error messages (type detection is by content): kept short and printable.
  const filename = part.filename ? part.filename.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 200) : null;
  return { path: target, filename: filename || null };
}

const tooBig = (maxBytes: number) =>
  tooLarge(`The file is larger than the upload limit of ${formatBytes(maxBytes)}; split it or use the CLI`);

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

function uploadError(err: unknown, maxBytes: number): Error {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooBig(maxBytes);
  const status = (err as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) return err as Error;
  // Malformed multipart data (a part cut short, a missing boundary): the client's problem.
  return badRequest(`The upload could not be read: ${(err as Error).message}`, [], 'bad_upload');
}

export default async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/imports/:kind',
    {
      onRequest: importer,
      schema: {
        tags: ['imports'],
        summary: 'Import a CSV or .xlsx file of an exchange format (all-or-nothing)',
        description: [
          'multipart/form-data with the file in the field `file`. CSV in UTF-8 (with or without BOM) or Windows-1251, `,` or `;`, or .xlsx (first sheet); the header row uses the codes of FORMATS.md or the kk/ru titles of the templates.',
          'All-or-nothing: 422 lists every problem as details [{row, column, value, rule, message}]' +
            ` (the first ${MAX_LISTED_PROBLEMS}, then one "more_problems" entry counting the rest) and nothing is written.`,
          'Importing the same file again changes nothing (alreadyImported); rows with an external_id are updated in place.',
          'Who: the national admin every kind; RFO staff activities, volunteers and organizations of their own region (rows of another region: 403).',
          "Code-list cells take the code or its kk / ru / en label (case and spacing ignored, usual variants such as ҮЕҰ / НКО accepted); an unknown value's problem lists the allowed values, labelled in `lang`.",
          'With `period` (the month page the file is uploaded on), activity rows of other months stop the import: 409 other_months naming them (details: month and row count), unless confirmOtherMonths=true.',
          '400: empty file, not a CSV/.xlsx, binary data, a zip bomb; 409: a month of the file is closed (submitted or accepted: submission_closed), or other months as above; 413: over the upload limit; 415: not multipart.',
        ].join(' '),
        consumes: ['multipart/form-data'],
        security: [{ session: [], csrf: [] }],
        params: importKindParamsSchema,
        querystring: importQuerySchema,
        response: { 200: importResultSchema, ...problems(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const user = requireActor(request.user);
      const { kind } = request.params;
      const dir = await makeUploadDir();
      try {
        const upload = await receiveUpload(request, dir, app.config.maxUploadBytes);
        return await runImport(app.database, {
          kind,
          path: upload.path,
          filename: upload.filename,
          dryRun: request.query.dryRun,
          period: request.query.period ?? null,
          confirmOtherMonths: request.query.confirmOtherMonths,
          lang: request.query.lang,
          user,
        });
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    },
  );
}
