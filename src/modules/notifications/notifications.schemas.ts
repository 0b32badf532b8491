// The message settings of a signed-in user: the language of their e-mails and whether they receive
// the optional ones (reminders, the daily digest); returns, acceptances and reopenings always go.
import { z } from 'zod';
import { langSchema } from '../../lib/schemas.ts';

export const preferencesSchema = z.object({
  lang: langSchema,
  notifyOptional: z.boolean(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesBodySchema = z
  .object({ lang: langSchema, notifyOptional: z.boolean() })
  .partial()
  .strict();
export type PreferencesBody = z.infer<typeof preferencesBodySchema>;
