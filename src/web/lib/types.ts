// The shapes of the API's answers that the modules' *.schemas.ts files do not export yet (each
// names its route). Every other answer's type is imported, type-only, from the module's schemas
// file where it is used (src/modules/<m>/<m>.schemas.ts): nothing of the server reaches the bundle.
import type { z } from 'zod';
import type { Dashboard as DashboardSchema } from '../../modules/reports/annual.types.ts';
import type { userRowSchema } from '../../modules/users/users.schemas.ts';

/** GET /api/dashboard */
export type Dashboard = z.output<typeof DashboardSchema>;

/** A page of a list (GET /api/organizations). */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** GET/PUT /api/volunteers/:region/:period (stocks.routes.ts). */
export interface VolunteerStocks {
  region: string;
  period: string;
  updatedAt: string | null;
  illustrative: boolean;
  rows: { dimension: string; category: string; volunteers: number | null }[];
  submission: { status: string; version: number };
}

/** GET/PUT /api/org-counts/:region/:period (stocks.routes.ts). */
export interface OrgCounts {
  region: string;
  period: string;
  npo: number | null;
  initiativeGroups: number | null;
  updatedAt: string | null;
  illustrative: boolean;
  submission: { status: string; version: number };
}

/** GET /api/users : a bare array. */
export type UserRow = z.output<typeof userRowSchema>;

/** GET /api/organizations?q= (organizations.routes.ts). */
export interface Organization {
  id: number;
  name: string;
  type: string;
  bin: string | null;
  region: string;
  createdAt: string;
}
