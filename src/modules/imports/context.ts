// What an import is asked to do, and what every kind's importer is handed to do it.
import type { BulkTx } from '../../db/bulk.ts';
import type { Lang } from '../../domain/lang.ts';
import type { Actor } from '../../domain/policy.ts';
import type { ReferenceSnapshot } from '../../domain/reference.ts';
import type { SessionUser } from '../users/sessions.ts';
import type { ImportKind } from './headers.ts';
import type { FileInfo } from './reader.ts';

export interface ImportOptions {
  kind: ImportKind;
  path: string;
  /** The name the file was uploaded under (type detection is by content; the name only words errors). */
  filename?: string | null;
  dryRun?: boolean;
  /** The signed-in user (HTTP); null for the CLI, run by the national office (see NATIONAL_OFFICE). */
  user: SessionUser | null;
  /** Write into submitted or accepted periods (the national office loading history). */
  allowClosed?: boolean;
  progress?: (rows: number) => void;
  /** The month whose page the file was uploaded on: activity rows of other months stop the import… */
  period?: string | null;
  /** …unless this is set: the officer imports them on purpose. */
  confirmOtherMonths?: boolean;
  /** The upload's language: the allowed values of an unknown code are listed with labels in it. */
  lang?: Lang;
}

export interface ImportContext {
  tx: BulkTx;
  info: FileInfo;
  opts: ImportOptions;
  /** Who the policy is asked about: the user, or the national office for the CLI. */
  actor: Actor;
  ref: ReferenceSnapshot;
  importId: number;
}
