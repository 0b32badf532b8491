// The contract of GET /api/exports/:kind and GET /api/templates/:kind: what comes in and the files
// that go out.
import { z } from 'zod';
import { langSchema, problems } from '../../lib/schemas.ts';

export { importKindParamsSchema as exportKindParamsSchema } from '../imports/imports.schemas.ts';

export const CONTENT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const fileQuerySchema = z.object({
  format: z
    .enum(['csv', 'xlsx'])
    .default('csv')
    .describe('csv (default) or xlsx (first sheet, numbers as numbers)'),
  lang: langSchema
    .default('en')
    .describe(
      'en = the column codes of FORMATS.md and the codes in the cells; ru / kk = the titles the importer accepts as aliases, and the labels of the codes in that language (a label Windows-1251 cannot hold stays its code); both import back',
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
export type FileQuery = z.infer<typeof fileQuerySchema>;

export const exportQuerySchema = fileQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100).describe('Periods (or dates) of this year'),
  region: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Only this region (ISO code such as KZ-75, or its name in kk, ru or en)'),
});

/** A file answer: CSV or .xlsx, as an attachment; the problem shape otherwise. */
export const fileResponseSchema = (what: string) => ({
  200: {
    description: `${what}, sent as an attachment (Content-Disposition) with the header row of the language asked for`,
    content: {
      [CONTENT_TYPES.csv]: { schema: z.string().describe(`${what} as CSV`) },
      [CONTENT_TYPES.xlsx]: { schema: z.string().describe(`${what} as an .xlsx workbook (binary)`) },
    },
  },
  ...problems(400, 401, 403, 422),
});
