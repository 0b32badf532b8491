// Shapes of the reference-data routes. Input limits here; rules that need the database (a region
// exists, a list exists) in reference.service.ts.
import { z } from 'zod';
import { MAX_MONTHLY_WAGE_KZT, YEAR_HOURS } from '../../domain/economic.ts';
import { nestedDeeperThan } from '../../lib/json-depth.ts';
import { langSchema, text } from '../../lib/schemas.ts';

export const codeSchema = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _ only');
const name = text(300).pipe(z.string().trim().min(1));
const year = z.number().int().min(1990).max(2100);
const source = text(500).pipe(z.string().trim().min(1));
const positive = z.number().positive().finite();
/** A year's working or FTE hours: the denominators of the valuation, so never near zero. */
const hoursOfYear = z.number().min(YEAR_HOURS.min).max(YEAR_HOURS.max);

export const territoryQuerySchema = z.object({
  map: z
    .string()
    .regex(/^(current|all|\d{4})$/, 'current, all or a year')
    .default('all')
    .describe('current: the units valid today (20); a year: those valid on 1 January of it (2022: 17); all'),
  lang: langSchema.default('kk'),
});

export const territorySchema = z.object({
  code: z.string(),
  kato: z.string().nullable(),
  kind: z.enum(['region', 'city']),
  name: z.string(),
  nameKk: z.string(),
  nameRu: z.string(),
  nameEn: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  tileX: z.number(),
  tileY: z.number(),
  sort: z.number(),
  predecessors: z.array(z.string()),
  successors: z.array(z.string()),
});

export const territoryParamsSchema = z.object({ code: text(20) });
export const territoryUpdateSchema = z
  .object({
    nameKk: name,
    nameRu: name,
    nameEn: name,
    kato: z
      .string()
      .regex(/^\d{9}$/, 'nine digits')
      .nullable(),
    tileX: z.number().int().min(0).max(50),
    tileY: z.number().int().min(0).max(50),
  })
  .partial();

export const codeItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameKk: z.string(),
  nameRu: z.string(),
  nameEn: z.string(),
  sort: z.number(),
  active: z.boolean(),
  attrs: z.record(z.string(), z.unknown()).nullable(),
});

/** GET /api/reference/code-lists: every list by its name. */
export const codeListsSchema = z.record(z.string(), z.array(codeItemSchema));

export const langQuerySchema = z.object({ lang: langSchema.default('kk') });
export const listParamsSchema = z.object({ list: codeSchema });
export const itemParamsSchema = z.object({ list: codeSchema, code: codeSchema });

// `active` is accepted as true/false or 1/0 (the database's own form).
const activeInput = z
  .union([z.boolean(), z.literal(0), z.literal(1)])
  .transform((v) => v === true || v === 1);

/** Bounds of a code's free-form attributes: small, flat-ish objects (a parent code, a flag, a note). */
export const ATTRS_LIMITS = { depth: 4, chars: 10_000 } as const;

// The depth is checked first, without recursion: JSON.stringify of a deeply nested value overflows
// the stack (a 500), and only then the size.
const attrsSchema = z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
  if (nestedDeeperThan(v, ATTRS_LIMITS.depth)) {
    ctx.addIssue({
      code: 'custom',
      message: `at most ${ATTRS_LIMITS.depth} levels of nested objects and arrays`,
    });
    return;
  }
  const json = JSON.stringify(v);
  if (json.length > ATTRS_LIMITS.chars || json.includes('\\u0000'))
    ctx.addIssue({
      code: 'custom',
      message: `at most ${ATTRS_LIMITS.chars.toLocaleString('en')} characters, no NUL`,
    });
});

export const codeItemInputSchema = z.object({
  nameKk: name,
  nameRu: name,
  nameEn: name,
  sort: z.number().int().min(0).max(100000).optional(),
  active: activeInput.optional(),
  attrs: attrsSchema.nullable().optional(),
});
export const codeItemCreateSchema = codeItemInputSchema.extend({ code: codeSchema });

export const populationRowSchema = z.object({
  region: text(20).pipe(z.string().min(1)),
  year,
  population: z.number().int().positive().max(1_000_000_000),
  source,
});
export const wageRowSchema = z.object({
  region: text(20).describe("'' = national"),
  activity: z
    .string()
    .max(50)
    .regex(/^([a-z0-9_]+)?$/, "'' or a code")
    .default('')
    .describe("'' = all activities"),
  year,
  monthlyWageKzt: positive.max(MAX_MONTHLY_WAGE_KZT),
  source,
});
export const workingTimeRowSchema = z.object({
  year,
  monthlyHours: positive.max(744),
  annualHours: hoursOfYear,
  source,
  fteHours: hoursOfYear.nullable().optional(),
  fteSource: text(500).nullable().optional(),
});

/** GET /api/reference/working-time: the rows with the hours of a full-time-equivalent year. */
export const workingTimeSchema = workingTimeRowSchema.extend({
  fteHours: z.number().nullable(),
  fteSource: z.string().nullable(),
});

/** One row or many. */
const rows = <T extends z.ZodType>(row: T) => z.union([z.array(row).min(1).max(10000), row]);
export const populationBodySchema = rows(populationRowSchema);
export const wageBodySchema = rows(wageRowSchema);
export const workingTimeBodySchema = rows(workingTimeRowSchema);

export const yearRegionQuerySchema = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  region: text(20).optional(),
});
export const yearQuerySchema = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });

export const upsertResultSchema = z.object({
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

export type Territory = z.infer<typeof territorySchema>;
export type CodeItem = z.infer<typeof codeItemSchema>;
export type CodeLists = z.infer<typeof codeListsSchema>;
export type PopulationRow = z.infer<typeof populationRowSchema>;
export type WageRow = z.infer<typeof wageRowSchema>;
export type WorkingTimeRow = z.infer<typeof workingTimeRowSchema>;
export type WorkingTime = z.infer<typeof workingTimeSchema>;
export type UpsertResult = z.infer<typeof upsertResultSchema>;
export type CodeItemInput = z.infer<typeof codeItemInputSchema>;
export type TerritoryUpdate = z.infer<typeof territoryUpdateSchema>;
