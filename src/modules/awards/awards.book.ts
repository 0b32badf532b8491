// What the record book and the public check read of the awards (issue 13): a volunteer's issued
// letters and places won in published rounds, a letter found by its code, a region's name.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { initialsOf, printedCode } from '../../domain/certificate-code.ts';
import type { Lang } from '../../domain/lang.ts';
import { appUrl } from '../../lib/public-url.ts';
import type { LetterVerification } from '../record-book/record-book.schemas.ts';
import type { BookAward, BookLetter } from './letters.schemas.ts';
import { publishedPlacesOf } from './rounds.results.ts';

/** Where anyone checks a letter's code (the record book's page and API). */
export const verifyUrlOf = (code: string) => `${appUrl()}/verify/${printedCode(code)}`;

/** The volunteer's issued letters, newest first. */
export async function lettersOfVolunteer(db: Kysely<DB>, volunteerId: number): Promise<BookLetter[]> {
  const rows = await db
    .selectFrom('award_letter')
    .select(['kind', 'period', 'region', 'code', 'issued_at'])
    .where('volunteer_id', '=', volunteerId)
    .where('status', '=', 'issued')
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    period: r.period,
    region: r.region,
    code: printedCode(r.code as string),
    issuedAt: r.issued_at as string,
    url: `/api/platform/volunteers/me/letters/${printedCode(r.code as string)}.pdf`,
    verifyUrl: verifyUrlOf(r.code as string),
  }));
}

/** Places the volunteer won (first to third) in published rounds, newest first. */
export const awardsOfVolunteer = (db: Kysely<DB>, volunteerId: number): Promise<BookAward[]> =>
  publishedPlacesOf(db, volunteerId);

/** An issued letter by its code (normalised), as the public check shows it. */
export async function letterByCode(db: Kysely<DB>, code: string): Promise<LetterVerification | null> {
  const r = await db
    .selectFrom('award_letter')
    .select(['kind', 'recipient', 'holder', 'region', 'period', 'code', 'issued_at'])
    .where('code', '=', code)
    .where('status', '=', 'issued')
    .executeTakeFirst();
  if (!r) return null;
  return {
    kind: 'letter',
    status: 'valid',
    code: printedCode(r.code as string),
    letter: r.kind,
    recipient: r.recipient,
    holder: r.holder,
    region: r.region,
    period: r.period,
    issuedAt: r.issued_at as string,
  };
}

/** A region's name in the language (its code when unknown). */
export async function regionNameIn(db: Kysely<DB>, code: string, lang: Lang): Promise<string> {
  const u = await db
    .selectFrom('territory_unit')
    .select(['name_kk', 'name_ru', 'name_en'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!u) return code;
  return lang === 'kk' ? u.name_kk : lang === 'en' ? u.name_en : u.name_ru;
}

/**
 * A volunteer's erasure (volunteers.service): his letters and nominations keep his initials only,
 * as their public check and published results show a person; the letters' codes stay valid.
 */
export async function forgetVolunteerInAwards(trx: Transaction<DB>, volunteerId: number): Promise<void> {
  const letters = await trx
    .selectFrom('award_letter')
    .select(['id', 'holder'])
    .where('volunteer_id', '=', volunteerId)
    .execute();
  for (const l of letters)
    await trx.updateTable('award_letter').set({ name: l.holder }).where('id', '=', l.id).execute();
  const nominees = await trx
    .selectFrom('award_nominee')
    .select(['id', 'name'])
    .where('volunteer_id', '=', volunteerId)
    .execute();
  for (const n of nominees)
    await trx
      .updateTable('award_nominee')
      .set({ name: initialsOf(n.name) })
      .where('id', '=', n.id)
      .execute();
}
