// Request and response shapes of the auth and users routes (zod: validated in, serialised out).
import { z } from 'zod';

import { idParamsSchema, idSchema, langSchema, text } from '../../lib/schemas.ts';

/** Kept while exports, imports and reports still import it from here; new code imports lib/schemas.ts. */

/** The signed-in user as the web application sees it (never the password hash). */
export const sessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  role: z.string(),
  region: z.string().nullable(),
  organizationId: z.number().int().nullable(),
  displayName: z.string().nullable(),
  isDemo: z.boolean(),
});

export type SessionUserView = z.infer<typeof sessionUserSchema>;

/** An account as the national admin manages it (GET /api/users: a bare array of these). */
export const userRowSchema = sessionUserSchema.extend({
  disabled: z.boolean(),
  /** Invited and no password set yet. */
  pending: z.boolean(),
  /** The language of the user's e-mails. */
  lang: z.string(),
  createdAt: z.string(),
});
export type UserRow = z.infer<typeof userRowSchema>;

/** The answer of sign-in and of GET /api/auth/me. */
export const authResponseSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type AuthResponse = z.infer<typeof authResponseSchema>;

/** The answer of GET /api/auth/session: the same, both null for a visitor who is not signed in. */
export const sessionResponseSchema = z.object({
  user: sessionUserSchema.nullable(),
  csrfToken: z.string().nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const loginBodySchema = z.object({
  email: text(320).pipe(z.string().min(1)),
  password: z.string().min(1).max(1000),
});

const email = text(320).pipe(z.string().trim().pipe(z.email()));

export const createUserBodySchema = z.object({
  email,
  password: z.string().min(1).max(1000),
  role: text(50),
  region: text(20).nullish(),
  organizationId: idSchema.nullish(),
  displayName: text(200).nullish(),
  /** The language of the user's e-mails (default ru). */
  lang: langSchema.optional(),
});

export const updateUserBodySchema = z
  .object({
    role: text(50),
    region: text(20).nullable(),
    organizationId: idSchema.nullable(),
    displayName: text(200).nullable(),
    password: z.string().min(1).max(1000),
    disabled: z.boolean(),
    /** The language of the user's e-mails. */
    lang: langSchema,
  })
  .partial();

export const userIdParamsSchema = idParamsSchema;

/** An invitation: the account as created today, without a password, and the language of the e-mail. */
export const inviteUserBodySchema = createUserBodySchema
  .omit({ password: true })
  .extend({ lang: langSchema });

export const resendInvitationBodySchema = z.object({ lang: langSchema });

export const forgotPasswordBodySchema = z.object({
  email: text(320).pipe(z.string().min(1)),
  lang: langSchema,
});

export const forgotPasswordResponseSchema = z.object({ message: z.string() });

export const setPasswordBodySchema = z.object({
  token: text(200).pipe(z.string().min(1)),
  password: z.string().min(1).max(1000),
});

export const setPasswordResponseSchema = z.object({ email: z.string() });
export type SetPasswordResponse = z.infer<typeof setPasswordResponseSchema>;

export const changePasswordBodySchema = z.object({
  current: z.string().min(1).max(1000),
  next: z.string().min(1).max(1000),
});
