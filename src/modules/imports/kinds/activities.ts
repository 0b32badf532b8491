// Activities: streamed chunk by chunk (files of a million rows), validated against one reference
// snapshot, keyed (row-keys.ts), their organisations found or created in bulk, and written by the
// dialect's bulk writer (db/activity-bulk.ts), which audits every record it writes; every month
// touched, the ones records move out of included, must be open and in scope (scope-guard.ts), and
// their aggregates are refreshed at the end, inside the same transaction.
import { type ActivityWriter, activityWriter, type BulkActivityRow } from '../../../db/activity-bulk.ts';
import {
  ACTIVITY_STORED_FIELDS,
  type ActivityInput,
  ActivityValidator,
  type Problem,
} from '../../../domain/activity-rules.ts';
import { normalizeName } from '../../../domain/text.ts';
import { type Partition, refreshAggregates } from '../../aggregates/aggregates.service.ts';
import { findOrCreateOrganizations, organizationKey } from '../../organizations/organizations.repository.ts';
import type { ImportContext } from '../context.ts';
import { detach, memoize } from '../detach.ts';
import { stopIfOtherMonths } from '../other-months.ts';
import { ProblemList } from '../problems.ts';
import { type FileRecord, forEachRecord } from '../records.ts';
import { activityContent, FirstRows, RowKeys, SYSTEM_KEY } from '../row-keys.ts';
import { ScopeGuard } from '../scope-guard.ts';
import { type Counts, emptyCounts } from '../tally.ts';

export async function importActivities(ctx: ImportContext): Promise<Counts> {
  const run = new ActivityImport(ctx);
  await forEachRecord(ctx.info, 'activities', (records) => run.chunk(records));
  return run.finish();
}

class ActivityImport {
  private readonly problems = new ProblemList();
  private readonly guard: ScopeGuard;
  private readonly keys = new RowKeys();
  private readonly validator: ActivityValidator;
  private readonly orgName = memoize(normalizeName);
  private readonly externalIds = new FirstRows(); // region|external_id → row
  private readonly orgIds = new OrgIds(); // region, type, name as typed → id
  private readonly partitions = new Map<string, Partition>();
  private readonly counts: Counts;
  private readonly writer: ActivityWriter;
  private done = 0;
  /** Rows by month, of months other than the one the file was uploaded for (when it says). */
  private readonly otherMonths = new Map<string, number>();
  /** Rows naming a platform record, waiting for the comparison with it (checkPlatformRows). */
  private readonly pendingPlatform: { row: number; value: ActivityInput; key: string }[] = [];

  constructor(private readonly ctx: ImportContext) {
    this.guard = new ScopeGuard(ctx.actor, !!ctx.opts.allowClosed);
    this.validator = new ActivityValidator(ctx.ref);
    this.counts = emptyCounts(ctx.importId);
    this.writer = activityWriter(ctx.tx, {
      now: new Date().toISOString(),
      importId: ctx.importId,
      userId: ctx.opts.user?.id ?? null,
    });
  }

  /** One chunk of the file: validated in full, written only while the whole file is still clean. */
  async chunk(records: FileRecord[]): Promise<void> {
    const valid = this.validate(records);
    await this.checkPlatformRows();
    this.done += records.length;
    this.ctx.opts.progress?.(this.done);
    if (this.problems.count > 0 || this.guard.failed || valid.length === 0) return;
    await this.resolveOrganizations(valid);
    if (!(await this.openPartitions(valid))) return;
    for (const r of valid) if (r.orgId === 0) r.orgId = this.orgIds.get(r.v);
    const w = await this.writer.write(valid, this.counts.parts, { leaving: this.leaving });
    if (w.stopped) return; // a month records would leave is closed or foreign: refused at the end
    this.counts.inserted += w.inserted;
    this.counts.updated += w.updated;
    this.counts.unchanged += valid.length - w.inserted - w.updated;
    for (const p of w.moved) this.partitions.set(`${p.region}|${p.period}`, p);
  }

  async finish(): Promise<Counts> {
    this.counts.rows = this.done;
    if (this.problems.count === 0 && this.guard.foreign.size === 0)
      stopIfOtherMonths(this.ctx, this.otherMonths);
    this.guard.throwIfAny(this.problems);
    await refreshAggregates(this.ctx.tx.db, this.partitions.values());
    return this.counts;
  }

  private validate(records: FileRecord[]): BulkActivityRow[] {
    const valid: BulkActivityRow[] = [];
    for (const { row, raw, problems: shape } of records) {
      if (shape) {
        this.problems.add(shape);
        continue;
      }
      const { value, problems } = this.validator.validate(raw, row);
      if (!value) {
        if (!this.platformRow(raw, row, problems)) this.problems.add(problems);
        continue;
      }
      this.guard.region(value.region);
      if (this.ctx.opts.period && value.period !== this.ctx.opts.period)
        this.otherMonths.set(value.period, (this.otherMonths.get(value.period) ?? 0) + 1);
      const key = this.keyOf(value, row);
      if (key !== null) valid.push({ v: value, key, orgId: this.orgIds.get(value) });
    }
    return valid;
  }

  /**
   * A row naming a record of the volunteer platform (external_id `platform:…`, as the monthly
   * export writes them): kept aside when that is its only problem, to be compared with the stored
   * record (checkPlatformRows). True when kept.
   */
  private platformRow(raw: Record<string, unknown>, row: number, problems: Problem[]): boolean {
    if (problems.length === 0 || !problems.every((p) => p.rule === 'reserved_external_id')) return false;
    const { value } = this.validator.validate({ ...raw, external_id: null }, row);
    if (!value) return false;
    this.guard.region(value.region);
    if (this.ctx.opts.period && value.period !== this.ctx.opts.period)
      this.otherMonths.set(value.period, (this.otherMonths.get(value.period) ?? 0) + 1);
    this.pendingPlatform.push({ row, value, key: String(raw.external_id).trim() });
    return true;
  }

  /**
   * The platform's records a file names: the same as stored (a month exported and imported back)
   * they are left as they are (unchanged); any difference, or a record the platform does not have,
   * is refused (reserved_external_id): the platform's figures are corrected on the platform.
   */
  private async checkPlatformRows(): Promise<void> {
    const rows = this.pendingPlatform.splice(0);
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      const stored = await this.ctx.tx.db
        .selectFrom('activity as a')
        .innerJoin('organization as o', 'o.id', 'a.organization_id')
        .selectAll('a')
        .select(['o.name as organization', 'o.type as organization_type', 'o.bin as organization_bin'])
        .where('a.source', '=', 'platform')
        .where(
          'a.row_key',
          'in',
          part.map((r) => r.key),
        )
        .execute();
      const byKey = new Map(stored.map((r) => [`${r.region}|${r.row_key}`, r]));
      for (const r of part) {
        const s = byKey.get(`${r.value.region}|${r.key}`);
        const same =
          s !== undefined &&
          activityContent(toInput(s), normalizeName) === activityContent(r.value, this.orgName);
        if (same) {
          this.counts.unchanged++;
          continue;
        }
        this.problems.add([
          {
            row: r.row,
            column: 'external_id',
            value: r.key,
            rule: 'reserved_external_id',
            message: s
              ? `external_id ${r.key} is a record of the volunteer platform and the row differs from it: the platform's figures are corrected on the platform`
              : `external_id ${r.key} is reserved for the records of the volunteer platform, which has no such record`,
          },
        ]);
      }
    }
  }

  /** The row's key, or null when its external id is on an earlier row of the file too. */
  private keyOf(value: ActivityInput, row: number): string | null {
    if (!value.external_id) return this.keys.key(activityContent(value, this.orgName));
    const first = this.externalIds.firstOrSet(`${value.region}|${value.external_id}`, row);
    if (first !== undefined) {
      this.problems.add([
        {
          row,
          column: 'external_id',
          value: value.external_id,
          rule: 'duplicate_external_id',
          message: `external_id ${value.external_id} is also on row ${first}`,
        },
      ]);
      return null;
    }
    const key = value.external_id;
    if (SYSTEM_KEY.test(key)) value.external_id = null;
    return key;
  }

  /** Organisations of the chunk, resolved in bulk, remembered across chunks. */
  private async resolveOrganizations(valid: BulkActivityRow[]): Promise<void> {
    const missing = [];
    for (const { v, orgId } of valid) {
      if (orgId === 0)
        missing.push({
          name: v.organization,
          type: v.organization_type,
          region: v.region,
          bin: v.organization_bin,
        });
    }
    if (!missing.length) return;
    const ids = await findOrCreateOrganizations(this.ctx.tx.db, missing);
    for (const o of missing) this.orgIds.set(o.region, o.type, o.name, ids.get(organizationKey(o)) as number);
  }

  /** Whether records may move out of a month to another one: the same checks as writing into it. */
  private readonly leaving = (region: string, period: string, key: string): Promise<boolean> =>
    this.guard.leaving(this.ctx.tx.db, region, period, key);

  /** Whether every month of the chunk may be written (its submission open); false stops writing. */
  private async openPartitions(valid: BulkActivityRow[]): Promise<boolean> {
    let lastRegion = '';
    let lastPeriod = '';
    for (const { v } of valid) {
      if (v.region === lastRegion && v.period === lastPeriod) continue;
      lastRegion = v.region;
      lastPeriod = v.period;
      const pk = `${v.region}|${v.period}`;
      if (!this.partitions.has(pk)) {
        this.partitions.set(pk, { region: v.region, period: v.period });
        if (!(await this.guard.partition(this.ctx.tx.db, v.region, v.period))) return false;
      }
    }
    return !this.guard.failed;
  }
}

/**
 * Organisation ids by region, type and name as typed (ids start at 1; 0 is "not known yet"):
 * nested maps, so that a row's lookup builds no key string.
 */
class OrgIds {
  private readonly byRegion = new Map<string, Map<string, Map<string, number>>>();
  get(v: ActivityInput): number {
    return this.byRegion.get(v.region)?.get(v.organization_type)?.get(v.organization) ?? 0;
  }
  set(region: string, type: string, name: string, id: number): void {
    let types = this.byRegion.get(region);
    if (!types) {
      types = new Map();
      this.byRegion.set(detach(region), types);
    }
    let names = types.get(type);
    if (!names) {
      names = new Map();
      types.set(detach(type), names);
    }
    names.set(detach(name), id);
  }
}

/** A stored record with its organiser, as the validator would have answered it (for activityContent). */
function toInput(r: Record<string, unknown>): ActivityInput {
  const v: Record<string, unknown> = {
    region: r.region,
    period: r.period,
    organization: r.organization,
    organization_type: r.organization_type,
    organization_bin: r.organization_bin,
  };
  for (const f of ACTIVITY_STORED_FIELDS) {
    const x = r[f];
    v[f] = typeof x === 'bigint' ? Number(x) : x;
  }
  return v as unknown as ActivityInput;
}
