// The contract of the national award rounds (issue 13 item 3, DOMAIN.md §8 "Awards"): Volunteer of
// the Year with its nominations (domestic and international apart, each with its criteria), the
// nominees the front offices and the national office enter, the jury, the jurors' conflicts of
// interest and scores, and the result published with the jury's names.
import { z } from 'zod';
import { idSchema, regionParam, text } from '../../lib/schemas.ts';

export const ROUND_STATUSES = ['nominating', 'scoring', 'closed', 'published'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const NOMINATION_SCOPES = ['domestic', 'international'] as const;

const name = text(200).pipe(z.string().trim().min(1));

export const roundBodySchema = z.object({
  year: z.number().int().min(2000).max(2100),
  title: name,
  scaleMax: z.number().int().min(3).max(100).default(10).describe('Every criterion is scored 1..scaleMax'),
  nominations: z
    .array(
      z.object({
        scope: z.enum(NOMINATION_SCOPES),
        name,
        criteria: z.array(name).min(1).max(10).describe('In order: the first decides ties first'),
      }),
    )
    .min(1)
    .max(10),
});
export type RoundBody = z.infer<typeof roundBodySchema>;

export const jurorBodySchema = z.object({
  user: idSchema.describe('An account of the role juror'),
  name: name.optional().describe('The name the results publish (the account’s display name otherwise)'),
});
export type JurorBody = z.infer<typeof jurorBodySchema>;

export const nomineeBodySchema = z
  .object({
    nomination: idSchema,
    region: regionParam.describe('The nominee’s region: a front office nominates from its own only'),
    volunteer: idSchema.optional().describe('A volunteer of the platform (the name is then his)'),
    name: name.optional(),
    justification: text(4000).pipe(z.string().trim().min(10, 'say why, in a sentence or more')),
  })
  .refine((b) => b.volunteer !== undefined || b.name !== undefined, {
    path: ['name'],
    message: 'name the nominee or the volunteer',
  });
export type NomineeBody = z.infer<typeof nomineeBodySchema>;

export const conflictBodySchema = z.object({
  nominee: idSchema,
  note: text(1000).optional(),
});
export type ConflictBody = z.infer<typeof conflictBodySchema>;

export const scoresBodySchema = z.object({
  nominee: idSchema,
  scores: z
    .array(
      z.object({
        criterion: z
          .number()
          .int()
          .min(0)
          .max(1000)
          .describe('The criterion’s position in its nomination (0 first)'),
        score: z.number().int().min(-1_000_000).max(1_000_000).describe('1..the round’s scaleMax'),
      }),
    )
    .min(1)
    .max(10),
});
export type ScoresBody = z.infer<typeof scoresBodySchema>;

export const statusBodySchema = z.object({ status: z.enum(['scoring', 'closed', 'published']) });

export const nomineeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  region: z.string(),
  volunteer: z.number().int().nullable(),
  justification: z.string(),
  enteredAt: z.string(),
  /** For a juror: he declared a conflict of interest with this nominee. */
  conflict: z.boolean(),
  /** For a juror: his own scores, criterion by criterion (null: not scored). */
  myScores: z.array(z.number().int().nullable()).nullable(),
});

export const rankingSchema = z.object({
  nominee: z.number().int(),
  name: z.string(),
  region: z.string(),
  place: z.number().int().nullable(),
  shared: z.boolean(),
  total: z.number().nullable(),
  means: z.array(z.number().nullable()),
  jurors: z.number().int(),
});

export const nominationSchema = z.object({
  id: z.number().int(),
  scope: z.enum(NOMINATION_SCOPES),
  name: z.string(),
  criteria: z.array(z.string()),
  nominees: z.array(nomineeSchema),
  /** Once the round is closed: the places by the rule. */
  ranking: z.array(rankingSchema).nullable(),
});

export const roundSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  scaleMax: z.number().int(),
  status: z.enum(ROUND_STATUSES),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  illustrative: z.boolean(),
  rule: z.string().describe('How the result follows from the scores, ties included'),
  /** The caller sits on the jury. */
  juror: z.boolean(),
  nominations: z.array(nominationSchema),
  jury: z.array(
    z.object({
      user: z.number().int(),
      name: z.string(),
      /** Scores entered so far and conflicts declared: the progress, never the values, while open. */
      scores: z.number().int(),
      conflicts: z.number().int(),
    }),
  ),
  /** Every score, once the round is closed (hidden from everyone before). */
  scores: z
    .array(
      z.object({
        nominee: z.number().int(),
        juror: z.number().int(),
        criterion: z.number().int(),
        score: z.number().int(),
      }),
    )
    .nullable(),
});
export type RoundView = z.infer<typeof roundSchema>;

export const roundListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      year: z.number().int(),
      title: z.string(),
      status: z.enum(ROUND_STATUSES),
      nominees: z.number().int(),
      jurors: z.number().int(),
      juror: z.boolean(),
      illustrative: z.boolean(),
    }),
  ),
});

export const publicRoundSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  scaleMax: z.number().int(),
  publishedAt: z.string(),
  illustrative: z.boolean(),
  rule: z.string(),
  jury: z.array(z.string()).describe('The jurors’ names'),
  nominations: z.array(
    z.object({
      scope: z.enum(NOMINATION_SCOPES),
      name: z.string(),
      criteria: z.array(z.string()),
      ranking: z.array(rankingSchema.omit({ nominee: true, jurors: true })),
    }),
  ),
});
export type PublicRound = z.infer<typeof publicRoundSchema>;

export const publicRoundListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      year: z.number().int(),
      title: z.string(),
      publishedAt: z.string(),
      illustrative: z.boolean(),
    }),
  ),
});
