// Frozen in time: later changes go in new migrations.
// What each person receives (modules/notifications): the language of their e-mails (kk, ru, en;
// Russian until they choose) and whether they want the messages that are not essential (deadline
// reminders, the daily digest of submissions waiting); returns, acceptances and reopenings are
// always sent. `notification_sent` records each reminder and digest once it is queued, under a
// unique key (kind, region, period, recipient, day), so that a job run twice, or by two servers at
// once, queues it once. It holds no data answer: no data-version triggers.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('ru'))
    .execute();
  await db.schema
    .alterTable('app_user')
    .addColumn('notify_optional', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('notification_sent')
    .addColumn('kind', 'text', (c) => c.notNull())
    // '' where the message is about no region or period (the national digest)
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    // the day it is about (the digest's day; for a reminder, the deadline it announces)
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_sent_pk', ['kind', 'region', 'period', 'user_id', 'day'])
    .execute();
  await db.schema.createIndex('notification_sent_at').on('notification_sent').column('sent_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_sent').ifExists().execute();
  await db.schema.alterTable('app_user').dropColumn('notify_optional').execute();
  await db.schema.alterTable('app_user').dropColumn('lang').execute();
}
