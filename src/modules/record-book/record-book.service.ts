// The volunteer's record book (issue 12 items 1–2, DOMAIN.md §7 "Record book"): every confirmed
// participation (attended, not revoked) with totals by year and area, seen by the volunteer only;
// certificates issued from it (all of it or a year) under an unguessable code, as PDF and .docx;
// and the public check of a code: valid, superseded (a newer certificate of the same scope exists)
// or revoked (hours behind it were revoked or changed since), with the holder's initials and what
// was issued — never the IIN, e-mail or birth date. Checks are rate-limited per client address.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  initialsOf,
  newCertificateCode,
  printedCode,
  readCertificateCode,
} from '../../domain/certificate-code.ts';
import { isLang, type Lang } from '../../domain/lang.ts';
import { type Actor, authorize } from '../../domain/policy.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { appUrl } from '../../lib/public-url.ts';
import { seenAssessmentsOf } from '../assessments/assessments.service.ts';
import { awardsOfVolunteer, letterByCode, lettersOfVolunteer } from '../awards/awards.book.ts';
import { kzTime } from '../opportunities/opportunities.service.ts';
import { countAddressRequest, type LoginLimit } from '../users/login-limits.ts';
import { type CertificateDoc, certificateDocx, certificatePdfStream } from './certificate.documents.ts';
import type {
  CertificateBody,
  Entry,
  LetterVerification,
  RecordBook,
  Verification,
} from './record-book.schemas.ts';

/** Checks of codes allowed per client address and minute. */
export const VERIFY_LIMIT: LoginLimit = { max: 60, windowMs: 60_000 };

const round = (h: number) => Math.round(h * 100) / 100;

async function entriesOf(db: Kysely<DB>, volunteerId: number): Promise<Entry[]> {
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('opportunity_shift as s', 's.id', 'a.shift_id')
    .innerJoin('opportunity as o', 'o.id', 'a.opportunity_id')
    .innerJoin('organization as g', 'g.id', 'o.organization_id')
    .select([
      'a.id',
      'a.hours',
      's.start_at',
      's.end_at',
      'o.id as opp_id',
      'o.title',
      'o.area',
      'o.region',
      'g.name',
    ])
    .where('a.volunteer_id', '=', volunteerId)
    .where('a.status', '=', 'attended')
    .where('a.revoked_at', 'is', null)
    .orderBy('s.start_at')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    opportunity: r.title,
    opportunityId: Number(r.opp_id),
    organization: r.name,
    area: r.area,
    region: r.region,
    start: kzTime(r.start_at),
    end: kzTime(r.end_at),
    hours: Number(r.hours),
    assessment: null,
  }));
}

function book(entries: Entry[]): Omit<RecordBook, 'letters' | 'awards'> {
  const years = new Map<number, { hours: number; participations: number }>();
  const areas = new Map<string, { hours: number; participations: number }>();
  for (const e of entries) {
    const y = Number(e.start.slice(0, 4));
    const yy = years.get(y) ?? { hours: 0, participations: 0 };
    yy.hours += e.hours;
    yy.participations++;
    years.set(y, yy);
    const a = areas.get(e.area) ?? { hours: 0, participations: 0 };
    a.hours += e.hours;
    a.participations++;
    areas.set(e.area, a);
  }
  return {
    entries,
    totals: { hours: round(entries.reduce((s, e) => s + e.hours, 0)), participations: entries.length },
    byYear: [...years]
      .sort((a, b) => b[0] - a[0])
      .map(([year, v]) => ({ year, ...v, hours: round(v.hours) })),
    byArea: [...areas]
      .sort((a, b) => b[1].hours - a[1].hours)
      .map(([area, v]) => ({ area, ...v, hours: round(v.hours) })),
  };
}

/** The volunteer's own record book. */
export async function readRecordBook(db: Kysely<DB>, user: Actor | null | undefined): Promise<RecordBook> {
  const actor = authorize(user, 'volunteers.self');
  const [entries, seen, letters, awards] = await Promise.all([
    entriesOf(db, actor.id),
    seenAssessmentsOf(db, actor.id),
    lettersOfVolunteer(db, actor.id),
    awardsOfVolunteer(db, actor.id),
  ]);
  return { ...book(entries.map((e) => ({ ...e, assessment: seen.get(e.id) ?? null }))), letters, awards };
}

const links = (code: string) => {
  const printed = printedCode(code);
  return {
    code: printed,
    url: `/api/platform/volunteers/me/certificates/${printed}.pdf`,
    docxUrl: `/api/platform/volunteers/me/certificates/${printed}.docx`,
    verifyUrl: `${appUrl()}/verify/${printed}`,
  };
};

/** A certificate of the record book (all of it, or a year): 409 record_book_empty when there is nothing to certify. */
export async function issueCertificate(db: Kysely<DB>, user: Actor, body: CertificateBody, at = new Date()) {
  const actor = authorize(user, 'volunteers.self');
  const all = await entriesOf(db, actor.id);
  const entries =
    body.year === undefined ? all : all.filter((e) => Number(e.start.slice(0, 4)) === body.year);
  if (entries.length === 0)
    throw new AppError(
      409,
      'record_book_empty',
      body.year === undefined
        ? 'Your record book has no confirmed participation yet: there is nothing to certify'
        : `Your record book has no confirmed participation in ${body.year}`,
      [{ rule: 'record_book_empty', ...(body.year === undefined ? {} : { year: body.year }) }],
    );
  const profile = await db
    .selectFrom('volunteer_profile')
    .select('name')
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  const { totals } = book(entries);
  const issuedAt = at.toISOString();
  for (let attempt = 0; ; attempt++) {
    const code = newCertificateCode();
    try {
      await db
        .insertInto('certificate')
        .values({
          code,
          volunteer_id: actor.id,
          scope: body.year === undefined ? 'all' : String(body.year),
          lang: body.lang,
          holder: initialsOf(profile?.name ?? ''),
          hours: totals.hours,
          participations: totals.participations,
          entries: JSON.stringify(entries.map(({ id: _id, assessment: _a, ...e }) => e)),
          basis: JSON.stringify(entries.map((e) => [e.id, e.hours])),
          issued_at: issuedAt,
        })
        .execute();
      return { ...links(code), issuedAt };
    } catch (err) {
      // Two equal 80-bit codes: practically never; a unique index says so, and a new one is drawn.
      if (attempt >= 2) throw err;
    }
  }
}

type CertificateRow = Awaited<ReturnType<typeof findByCode>>;
const findByCode = (db: Kysely<DB>, code: string) =>
  db.selectFrom('certificate').selectAll().where('code', '=', code).executeTakeFirst();

/** valid, superseded or revoked: what the certificate says now. */
async function statusOf(db: Kysely<DB>, c: NonNullable<CertificateRow>): Promise<Verification['status']> {
  const basis = JSON.parse(c.basis) as [number, number][];
  const ids = basis.map(([id]) => id);
  const now = new Map<number, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('application')
      .select(['id', 'hours'])
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'attended')
      .where('revoked_at', 'is', null)
      .execute();
    for (const r of rows) now.set(Number(r.id), Number(r.hours));
  }
  if (basis.some(([id, hours]) => now.get(id) !== hours)) return 'revoked';
  const newer = await db
    .selectFrom('certificate')
    .select('id')
    .where('volunteer_id', '=', c.volunteer_id)
    .where('scope', '=', c.scope)
    .where('id', '>', c.id)
    .executeTakeFirst();
  return newer ? 'superseded' : 'valid';
}

function verification(c: NonNullable<CertificateRow>, status: Verification['status']): Verification {
  return {
    status,
    code: printedCode(c.code),
    holder: c.holder,
    scope: c.scope,
    totals: { hours: Number(c.hours), participations: Number(c.participations) },
    entries: JSON.parse(c.entries) as Verification['entries'],
    issuedAt: c.issued_at,
  };
}

/**
 * The public check of a code: a record-book certificate's, or a letter's (issue 13: a letter of
 * thanks or a Best Volunteer letter, always valid once issued). Rate-limited per client address (429
 * with the wait); an unknown or malformed code is 404 after the same work as a known one, so that
 * timing tells nothing.
 */
export async function verifyCode(
  db: Kysely<DB>,
  typed: string,
  clientAddress: string,
): Promise<Verification | LetterVerification | { retryAfterSeconds: number }> {
  const refused = await countAddressRequest(db, 'verify_address', VERIFY_LIMIT, clientAddress);
  if (refused) return { retryAfterSeconds: refused.retryAfterSeconds };
  const code = readCertificateCode(typed);
  const [found, letter] = await Promise.all([findByCode(db, code ?? '-'), letterByCode(db, code ?? '-')]);
  if (letter) return letter;
  if (!found) {
    // The same queries as for a known code, on nothing.
    await statusOf(db, {
      id: 0,
      code: '-',
      volunteer_id: 0,
      scope: '-',
      basis: '[]',
    } as NonNullable<CertificateRow>);
    throw notFound('No certificate has this code: check how it was typed');
  }
  return verification(found, await statusOf(db, found));
}

async function namesIn(db: Kysely<DB>, lang: Lang) {
  const [areas, units] = await Promise.all([
    db
      .selectFrom('code_list_item')
      .select(['code', 'name_kk', 'name_ru', 'name_en'])
      .where('list', '=', 'area')
      .execute(),
    db.selectFrom('territory_unit').select(['code', 'name_kk', 'name_ru', 'name_en']).execute(),
  ]);
  const pick = (r: { name_kk: string; name_ru: string; name_en: string }) =>
    lang === 'kk' ? r.name_kk : lang === 'en' ? r.name_en : r.name_ru;
  const area = new Map(areas.map((a) => [a.code, pick(a)]));
  const unit = new Map(units.map((u) => [u.code, pick(u)]));
  return { areaName: (c: string) => area.get(c) ?? c, regionName: (c: string) => unit.get(c) ?? c };
}

/** One of the volunteer's own certificates as a document (another's or unknown: 404). */
export async function certificateDocument(
  db: Kysely<DB>,
  user: Actor,
  typed: string,
  format: 'pdf' | 'docx',
): Promise<{ body: Buffer | Readable; filename: string }> {
  const actor = authorize(user, 'volunteers.self');
  const code = readCertificateCode(typed);
  const c = code ? await findByCode(db, code) : undefined;
  if (!c || c.volunteer_id !== actor.id) throw notFound('No certificate of yours has this code');
  const lang: Lang = isLang(c.lang) ? c.lang : 'ru';
  const doc: CertificateDoc = {
    code: printedCode(c.code),
    verifyUrl: links(c.code).verifyUrl,
    holder: c.holder,
    scope: c.scope,
    lang,
    hours: Number(c.hours),
    participations: Number(c.participations),
    entries: JSON.parse(c.entries) as CertificateDoc['entries'],
    issuedAt: kzTime(c.issued_at),
    ...(await namesIn(db, lang)),
  };
  // The PDF streams (a record book of thousands of entries, bounded memory); the .docx is built whole.
  const body = format === 'pdf' ? await certificatePdfStream(doc) : await certificateDocx(doc);
  return { body, filename: `birgemiz-certificate-${printedCode(c.code)}.${format}` };
}
