// Path and query shapes shared by the submissions, activities and stocks routes.
import { z } from 'zod';
import { text } from '../users/users.schemas.ts';

export const regionParam = text(20).pipe(z.string().regex(/^[A-Z]{2}-\d{1,3}$/, 'a region code like KZ-75'));
export const periodParam = text(10).pipe(
  z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]|H[12]))?$/, 'a period YYYY-MM, YYYY-H1, YYYY-H2 or YYYY'),
);
export const versionSchema = z.number().int().min(0).max(2147483647);
