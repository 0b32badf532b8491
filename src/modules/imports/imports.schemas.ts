// The contract of POST /api/imports/:kind: what comes in and what goes out.
import { z } from 'zod';
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
