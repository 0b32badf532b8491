// Regions the actor may not import into, and submissions that are closed: collected while the file
// is read and refused after validation, so that one answer names every foreign region (403), every
// problem (422) or every closed month (409), in that order. A month is written both when rows go
// into it and when records leave it for another month (an external id of its records with another
// period): either way it must be open and in the actor's scope, as for PATCH /api/activities/:id.
import type { BulkTx } from '../../db/bulk.ts';
import { type Actor, can } from '../../domain/policy.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { ensureOpenSubmission } from '../submissions/submission-lock.ts';
import type { ProblemList } from './problems.ts';

export class ScopeGuard {
  readonly foreign = new Set<string>();
  readonly closed: Record<string, unknown>[] = [];
  private readonly open = new Set<string>();
  private lastAllowed: string | null = null;
  constructor(
    private readonly actor: Actor,
    private readonly allowClosed: boolean,
  ) {}
  /** Notes a row's region: the policy decides, region by region, whether the actor may import it. */
  region(region: string) {
    if (region === this.lastAllowed) return; // a file's rows come region after region
    if (can(this.actor, 'imports.monthly', { region })) this.lastAllowed = region;
    else this.foreign.add(region);
  }
  /** True when the partition may be written (its submission is open, created when missing). */
  async partition(db: BulkTx['db'], region: string, period: string, movedKey?: string): Promise<boolean> {
    const key = `${region}|${period}`;
    if (this.open.has(key)) return true;
    try {
      await ensureOpenSubmission(db, region, period, { allowClosed: this.allowClosed });
      this.open.add(key);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.status === 409) {
        const details = err.details as Record<string, unknown>[];
        // Say why a month the file does not name is touched: a record of it would move out.
        this.closed.push(
          ...(movedKey === undefined ? details : details.map((d) => ({ ...d, moved_out: movedKey }))),
        );
        return false;
      }
      throw err;
    }
  }
  /**
   * True when records may move out of the partition to another month: the actor may import its
   * region (row keys are per region, so this holds for every record a file can reach: checked all
   * the same) and its submission is open, or closed months are allowed, as for the month they go to.
   */
  async leaving(db: BulkTx['db'], region: string, period: string, movedKey: string): Promise<boolean> {
    this.region(region);
    if (this.foreign.has(region)) return false;
    return this.partition(db, region, period, movedKey);
  }
  get failed() {
    return this.foreign.size > 0 || this.closed.length > 0;
  }
  throwIfAny(problems: ProblemList) {
    if (this.foreign.size) {
      // Every foreign region in one answer (the policy's own refusal names one region).
      const regions = [...this.foreign].sort();
      throw new AppError(
        403,
        'forbidden',
        `You may not import data of other regions: ${regions.join(', ')}`,
        regions.map((r) => ({ rule: 'foreign_region', column: 'region', value: r })),
      );
    }
    problems.throwIfAny();
    if (this.closed.length) {
      const list = this.closed
        .map(
          (c) =>
            `${c.region} ${c.period} (${c.status}${c.moved_out === undefined ? '' : `: the file would move its record ${c.moved_out} to another period`})`,
        )
        .join(', ');
      const one = this.closed.length === 1;
      throw conflict(
        `${one ? 'The month is' : 'These months are'} closed: ${list}. Data of a submitted or accepted month can no longer be changed; nothing was imported. A submitted month is changed after the reviewer returns it, an accepted one after the national office reopens it`,
        this.closed,
        'submission_closed',
      );
    }
  }
}
