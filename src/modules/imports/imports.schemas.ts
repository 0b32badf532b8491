// The contract of POST /api/imports/:kind: what comes in and what goes out.
import { z } from 'zod';
import { langSchema, periodParam } from '../../lib/schemas.ts';
import { IMPORT_KINDS } from './headers.ts';

export const importKindParamsSchema = z.object({
  kind: z.enum(IMPORT_KINDS).describe('The exchange format (FORMATS.md)'),
});

export const importQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: check the file and count what would change, without saving anything'),
  period: periodParam
    .optional()
    .describe(
      'The month whose page the file is uploaded on: activity rows of other months stop the import (409 other_months) unless confirmOtherMonths=true',
    ),
  confirmOtherMonths: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: import rows of months other than `period` on purpose'),
  lang: langSchema
    .optional()
    .describe(
      'The language of the upload: an unknown code-list value lists the allowed values with their labels in it',
    ),
});

export const importResultSchema = z.object({
  ok: z.literal(true),
  kind: z.enum(IMPORT_KINDS),
  rows: z.number().int().describe('Data rows of the file'),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  alreadyImported: z.boolean().describe('The same file (same bytes) was imported before: nothing was done'),
  dryRun: z.boolean(),
  fileType: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable().describe('utf-8 or windows-1251 for CSV; null for .xlsx'),
  importId: z.number().int().nullable().describe('The import batch; null for a dry run'),
});
export type ImportResult = z.infer<typeof importResultSchema>;
