// The public register of unscrupulous grant implementers (issue 13 item 6; the 2022 report's
// grantees recommend "creation and public placement of a register of unscrupulous grant
// implementers, including small grants"). An entry names the organisation by its BIN (linked to its
// registry entry when the registry knows the BIN), the decision, its date and the document
// reference. The national office publishes and removes entries, each step in the audit trail; a
// removed entry leaves the public list but stays in the table. The competition's eligibility check
// asks isOnRegister.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isValidBin } from '../../domain/ids.ts';
import { isIsoDate } from '../../domain/periods.ts';
import { kzDate } from '../../domain/platform-cohort.ts';
import { type Actor, authorize } from '../../domain/policy.ts';
import { badRequest, notFound, refuse } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import {
  activeEntryFor,
  activeRegisterEntries,
  findRegisterEntry,
  organizationByBin,
} from './grants.repository.ts';
import type { RegisterEntry, RegisterEntryBody } from './grants.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Row = Awaited<ReturnType<typeof activeRegisterEntries>>[number];

const view = (r: Row): RegisterEntry => ({
  id: Number(r.id),
  bin: r.bin,
  name: r.name,
  decision: r.decision,
  decisionDate: r.decision_date,
  documentRef: r.document_ref,
  publishedAt: r.published_at,
  illustrative: Number(r.illustrative) === 1,
});

/** The public list: the entries in force, the latest decisions first. */
export async function listRegister(db: Db): Promise<{ items: RegisterEntry[] }> {
  return { items: (await activeRegisterEntries(db)).map(view) };
}

const binProblem = (code: string, message: string, value: string) =>
  badRequest(message, [{ column: 'bin', value, rule: code, message }], code);

/** The BIN as typed (spaces dropped): 12 digits with its check digit. */
function checkBin(typed: string): string {
  const digits = typed.replace(/\s/g, '');
  if (!/^\d{12}$/.test(digits)) throw binProblem('bin_format', 'A BIN has 12 digits', typed);
  if (!isValidBin(digits)) throw binProblem('bin_check_digit', 'The BIN check digit is wrong', typed);
  return digits;
}

export async function publishEntry(db: Kysely<DB>, user: Actor, body: RegisterEntryBody, at = new Date()) {
  const actor = authorize(user, 'register.manage');
  const bin = checkBin(body.bin);
  if (!isIsoDate(body.decisionDate))
    throw refuse(422, 'register_decision_date', `Not a date: ${body.decisionDate}`, {
      value: body.decisionDate,
    });
  if (body.decisionDate > kzDate(at.toISOString()))
    throw refuse(
      422,
      'register_decision_future',
      'A decision in the register cannot be dated in the future',
      {
        value: body.decisionDate,
      },
    );
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const same = await trx
      .selectFrom('grant_register_entry')
      .select('id')
      .where('bin', '=', bin)
      .where('document_ref', '=', body.documentRef.trim())
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (same)
      throw refuse(
        409,
        'register_entry_exists',
        'This decision about this organisation is in the register already',
        {
          id: Number(same.id),
        },
      );
    const org = await organizationByBin(trx, bin);
    const row = await trx
      .insertInto('grant_register_entry')
      .values({
        bin,
        name: body.name.trim(),
        organization_id: org ? Number(org.id) : null,
        decision: body.decision.trim(),
        decision_date: body.decisionDate,
        document_ref: body.documentRef.trim(),
        published_at: now,
        published_by: actor.id || null,
        removed_at: null,
        removed_by: null,
        removal_reason: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id || null,
          action: 'publish',
          entity: 'grant_register_entry',
          entityId: String(row.id),
          newValue: {
            bin,
            name: row.name,
            decision: row.decision,
            decisionDate: row.decision_date,
            documentRef: row.document_ref,
          },
        },
      ],
      now,
    );
    return view(row);
  });
}

export async function removeEntry(
  db: Kysely<DB>,
  user: Actor,
  id: number,
  body: { reason: string },
  at = new Date(),
) {
  const actor = authorize(user, 'register.manage');
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const entry = await findRegisterEntry(trx, id);
    if (!entry) throw notFound(`No entry ${id} in the register`);
    if (entry.removed_at !== null)
      throw refuse(409, 'register_entry_removed', 'This entry was removed from the register already', {
        removedAt: entry.removed_at,
      });
    await trx
      .updateTable('grant_register_entry')
      .set({ removed_at: now, removed_by: actor.id || null, removal_reason: body.reason.trim() })
      .where('id', '=', id)
      .execute();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id || null,
          action: 'remove',
          entity: 'grant_register_entry',
          entityId: String(id),
          oldValue: { bin: entry.bin, name: entry.name, documentRef: entry.document_ref },
          note: body.reason.trim(),
        },
      ],
      now,
    );
    return { id, removedAt: now };
  });
}

/** Whether the organisation is on the register (an entry in force naming its registry id or BIN). */
export async function isOnRegister(db: Db, org: { id: number; bin: string | null }) {
  return (await activeEntryFor(db, org)) ?? null;
}
