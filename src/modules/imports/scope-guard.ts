// Regions the actor may not import into, and submissions that are closed: collected while the file
// is read and refused after validation, so that one answer names every foreign region (403), every
// problem (422) or every closed month (409), in that order.
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
  async partition(db: BulkTx['db'], region: string, period: string): Promise<boolean> {
    const key = `${region}|${period}`;
    if (this.open.has(key)) return true;
    try {
      await ensureOpenSubmission(db, region, period, { allowClosed: this.allowClosed });
      this.open.add(key);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.status === 409) {
        this.closed.push(...(err.details as Record<string, unknown>[]));
        return false;
      }
      throw err;
    }
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
      const list = this.closed.map((c) => `${c.region} ${c.period} (${c.status})`).join(', ');
      throw conflict(
        `Submissions already closed, their data can no longer be changed: ${list}`,
        this.closed,
        'submission_closed',
      );
    }
  }
}
