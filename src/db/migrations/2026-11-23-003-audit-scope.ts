// Frozen in time: later changes go in new migrations.
// The audit trail learns the region and period each entry belongs to (so that it can be filtered,
// and RFO staff shown their own region's), and organisations get a version for optimistic edits.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('region', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('period', 'text').execute();
  await db.schema.createIndex('audit_region').on('audit_log').columns(['region', 'period']).execute();
  await db.schema.createIndex('audit_at').on('audit_log').columns(['at']).execute();
  await db.schema
    .alterTable('organization')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // Entries written before: the region and period follow from the entity.
  for (const entity of ['volunteer_stat', 'org_count']) {
    const ids = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .distinct()
      .where('entity', '=', entity)
      .execute();
    for (const { entity_id } of ids as { entity_id: string }[]) {
      const [region, period] = entity_id.split('|');
      await db
        .updateTable('audit_log')
        .set({ region: region || null, period: period || null })
        .where('entity', '=', entity)
        .where('entity_id', '=', entity_id)
        .execute();
    }
  }
  for (const [entity, table, withPeriod] of [
    ['submission', 'submission', true],
    ['activity', 'activity', true],
    ['organization', 'organization', false],
  ] as const) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'region', ...(withPeriod ? ['period'] : [])])
      .execute();
    for (const r of rows as { id: number; region: string; period?: string }[]) {
      await db
        .updateTable('audit_log')
        .set({ region: r.region, period: r.period ?? null })
        .where('entity', '=', entity)
        .where('entity_id', '=', String(r.id))
        .execute();
    }
  }
  // Deleted activity records: their region and period are in the snapshot the trail kept.
  const orphans = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'old_value', 'new_value'])
    .where('entity', '=', 'activity')
    .where('region', 'is', null)
    .execute();
  for (const o of orphans as { entity_id: string; old_value: string | null; new_value: string | null }[]) {
    for (const v of [o.old_value, o.new_value]) {
      if (!v?.startsWith('{')) continue;
      try {
        const snap = JSON.parse(v) as { region?: unknown; period?: unknown };
        if (typeof snap.region !== 'string') continue;
        await db
          .updateTable('audit_log')
          .set({ region: snap.region, period: typeof snap.period === 'string' ? snap.period : null })
          .where('entity', '=', 'activity')
          .where('entity_id', '=', o.entity_id)
          .execute();
        break;
      } catch {
        // not a snapshot
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_at').execute();
  await db.schema.dropIndex('audit_region').execute();
  await db.schema.alterTable('audit_log').dropColumn('period').execute();
  await db.schema.alterTable('audit_log').dropColumn('region').execute();
  await db.schema.alterTable('organization').dropColumn('version').execute();
}
