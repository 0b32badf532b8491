// Letters of thanks (every half-year) and the region's Best Volunteer (every year) — issue 13 item 2,
// DOMAIN.md §8 "Awards". The system proposes candidates from the data with their reasons: volunteers
// by confirmed hours and assessments (volunteerCandidates, from the record book), organisations by
// their activity records, the timeliness of the months they fall in and what they report. The front
// office chooses from them for its own region only (a volunteer or organisation without figures in
// the region and period is not a candidate: 422); the national office approves or returns; an
// approved letter is issued under a verification code like a record-book certificate (the same
// /verify/<code> page and API) and appears in the volunteer's record book. One letter per person
// and half-year, one Best Volunteer per region and year: a second is 409 letter_exists; issuing an
// issued letter again is 409 letter_already_issued.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { initialsOf, newCertificateCode, printedCode } from '../../domain/certificate-code.ts';
import type { Lang } from '../../domain/lang.ts';
import { kzInstantRange, monthsIn, parsePeriod } from '../../domain/periods.ts';
import { type Actor, authorize, listScope, requireActor } from '../../domain/policy.ts';
import { deadlineEndOf } from '../../domain/submission-status.ts';
import { badRequest, notFound, refuse } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { regionNameIn, verifyUrlOf } from './awards.book.ts';
import { candidateAreas, candidateRows, monthReturns, organizationMonths } from './awards.repository.ts';
import { type LetterDoc, letterPdf } from './letter.document.ts';
import {
  areaNamesIn,
  codeTaken,
  deleteLetter,
  insertLetter,
  type LetterRow,
  letterById,
  letterByKey,
  listLetterRows,
  moveLetter,
  ownLetterByCode,
  updateLetter,
} from './letters.repository.ts';
import type {
  ChooseBody,
  DecisionBody,
  LettersQuery,
  LetterView,
  OrgCandidates,
  OrgCandidatesQuery,
  OrgFigures,
  VolunteerFigures,
} from './letters.schemas.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const ORG_RULE =
  'Organisations with activity records in the region and period (excluded ones left out). Most months with records first; equal: more records in months the front office submitted by the deadline (its first submission), then more hours, then more records reporting their beneficiaries, then the name.';

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

function halfOrYear(text: string) {
  const p = parsePeriod(text);
  if (!p || p.kind === 'month') throw badRequest('period: a half-year YYYY-H1 / YYYY-H2 or a year YYYY');
  return p;
}

/** The figures of the region's organisations in the period, in the stated order. */
async function organizationFigures(db: Db, region: string, period: string, organizationId?: number) {
  const p = halfOrYear(period);
  const months = monthsIn(p);
  const [rows, returns] = await Promise.all([
    organizationMonths(db, region, months, organizationId),
    monthReturns(db, region, months),
  ]);
  // A month is on time when the front office first submitted it by the end of its deadline day.
  const onTime = new Set(
    returns
      .filter((r) => r.submitted_at !== null && r.submitted_at <= deadlineEndOf(r.deadline))
      .map((r) => r.period),
  );
  const byOrg = new Map<number, { name: string; type: string; f: OrgFigures }>();
  for (const r of rows) {
    const o = byOrg.get(r.organization_id) ?? {
      name: r.name,
      type: r.type,
      f: { records: 0, months: 0, volunteers: 0, hours: 0, onTime: 0, beneficiariesReported: 0 },
    };
    o.f.records += r.records;
    o.f.months += 1;
    o.f.volunteers += r.volunteers;
    o.f.hours += r.hours;
    if (onTime.has(r.period)) o.f.onTime += r.records;
    o.f.beneficiariesReported += r.beneficiaries_reported;
    byOrg.set(r.organization_id, o);
  }
  const list = [...byOrg].map(([id, o]) => ({
    organization: id,
    name: o.name,
    type: o.type,
    ...o.f,
    hours: round(o.f.hours, 2),
  }));
  list.sort(
    (a, b) =>
      b.months - a.months ||
      b.onTime - a.onTime ||
      b.hours - a.hours ||
      b.beneficiariesReported - a.beneficiariesReported ||
      a.name.localeCompare(b.name) ||
      a.organization - b.organization,
  );
  return { period: p, list };
}

/** The region's organisation candidates for a half-year or a year. */
export async function organizationCandidates(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  q: OrgCandidatesQuery,
): Promise<OrgCandidates> {
  authorize(user, 'awards.candidates', { region: q.region });
  const { period, list } = await organizationFigures(db, q.region, q.period);
  return {
    region: q.region,
    period: period.text,
    from: period.start,
    to: period.end,
    rule: ORG_RULE,
    organizations: list.slice(0, q.limit),
  };
}

/** A volunteer's figures in the region and period (null: not a candidate). */
async function volunteerFigures(
  db: Db,
  region: string,
  period: string,
  volunteerId: number,
): Promise<{ name: string; figures: VolunteerFigures } | null> {
  const { from, to } = kzInstantRange(halfOrYear(period));
  const [row] = await candidateRows(db as Kysely<DB>, region, from, to, 0, 1, volunteerId);
  if (!row) return null;
  const areas = await candidateAreas(db as Kysely<DB>, [volunteerId], region, from, to);
  return {
    name: row.name,
    figures: {
      hours: round(row.hours, 2),
      participations: row.participations,
      organizations: row.organizations,
      areas: areas.get(volunteerId) ?? [],
      noShows: row.no_shows,
      assessment:
        row.assessed > 0 && row.assessment_sum !== null
          ? { average: round(row.assessment_sum / row.assessed, 1), count: row.assessed }
          : null,
    },
  };
}

const uniqueKey = (kind: ChooseBody['kind'], period: string, region: string, who: string) =>
  kind === 'best_volunteer' ? `best|${period}|${region}` : `thanks|${period}|${who}`;

export const letterPdfUrl = (id: number) => `/api/awards/letters/${id}.pdf`;

function view(r: LetterRow): LetterView {
  return {
    id: Number(r.id),
    kind: r.kind,
    period: r.period,
    region: r.region,
    recipient: r.recipient,
    volunteer: r.volunteer_id === null ? null : Number(r.volunteer_id),
    organization: r.organization_id === null ? null : Number(r.organization_id),
    name: r.name,
    holder: r.holder,
    reasons: JSON.parse(r.reasons),
    justification: r.justification,
    status: r.status,
    chosenAt: r.chosen_at,
    decidedAt: r.decided_at,
    decisionComment: r.decision_comment,
    code: r.code === null ? null : printedCode(r.code),
    issuedAt: r.issued_at,
    pdfUrl: r.code === null ? null : letterPdfUrl(Number(r.id)),
    verifyUrl: r.code === null ? null : verifyUrlOf(r.code),
    illustrative: Number(r.illustrative) === 1,
  };
}

/** A front office's choice: a letter of thanks to a volunteer or an organisation, or its Best Volunteer. */
export async function chooseLetter(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  body: ChooseBody,
  at = new Date(),
  illustrative = false,
): Promise<LetterView> {
  const actor = authorize(user, 'awards.letters.choose', { region: body.region });
  const now = at.toISOString();
  const period = halfOrYear(body.period).text;
  return db.transaction().execute(async (trx) => {
    let name: string;
    let holder: string;
    let reasons: VolunteerFigures | OrgFigures;
    let who: string;
    if (body.volunteer !== undefined) {
      const v = await volunteerFigures(trx, body.region, period, body.volunteer);
      if (!v)
        throw refuse(
          422,
          'not_a_candidate',
          `Volunteer ${body.volunteer} has no confirmed hours in ${body.region}'s opportunities in ${period}: not a candidate`,
          { volunteer: body.volunteer, region: body.region, period },
        );
      ({ name } = v);
      holder = initialsOf(v.name);
      reasons = v.figures;
      who = `volunteer|${body.volunteer}`;
    } else {
      const { list } = await organizationFigures(trx, body.region, period, body.organization);
      const o = list[0];
      if (!o)
        throw refuse(
          422,
          'not_a_candidate',
          `Organisation ${body.organization} has no activity records in ${body.region} in ${period}: not a candidate`,
          { organization: body.organization, region: body.region, period },
        );
      name = o.name;
      holder = o.name;
      const { organization: _o, name: _n, type: _t, ...figures } = o;
      reasons = figures;
      who = `organization|${body.organization}`;
    }
    const key = uniqueKey(body.kind, period, body.region, who);
    const existing = await letterByKey(trx, key);
    // One letter per person and half-year across regions: a returned one is chosen again only by
    // its own region (another's choice would rewrite a letter it cannot see).
    if (existing && (existing.status !== 'returned' || existing.region !== body.region))
      throw refuse(
        409,
        'letter_exists',
        body.kind === 'best_volunteer'
          ? `${body.region} has chosen its Best Volunteer of ${period} already (${existing.name}, ${existing.status})`
          : `${name} has a letter of thanks for ${period} already (${existing.region}, ${existing.status})`,
        { id: Number(existing.id), status: existing.status, region: existing.region },
      );
    const values = {
      recipient: body.volunteer !== undefined ? ('volunteer' as const) : ('organization' as const),
      volunteer_id: body.volunteer ?? null,
      organization_id: body.organization ?? null,
      name,
      holder,
      reasons: JSON.stringify(reasons),
      justification: body.justification?.trim() || null,
      status: 'chosen' as const,
      chosen_by: actor.id > 0 ? actor.id : null,
      chosen_at: now,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
    };
    let id: number;
    if (existing) {
      // Returned by the national office: chosen again (for the Best Volunteer, maybe another person).
      await updateLetter(trx, Number(existing.id), values);
      id = Number(existing.id);
    } else {
      id = await insertLetter(trx, {
        ...values,
        kind: body.kind,
        period,
        region: body.region,
        unique_key: key,
        code: null,
        issued_by: null,
        issued_at: null,
        illustrative: illustrative ? 1 : 0,
      }).catch((err: unknown) => {
        // Another front office (or a second click) chose the same person a moment earlier.
        const code = (err as { code?: unknown }).code;
        if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')
          throw refuse(409, 'letter_exists', `${name} has a letter for ${period} already`, { period });
        throw err;
      });
    }
    await writeAudit(
      trx,
      [
        {
          userId: actor.id > 0 ? actor.id : null,
          action: 'choose',
          entity: 'award_letter',
          entityId: String(id),
          newValue: { kind: body.kind, recipient: who, reasons },
          region: body.region,
          period,
        },
      ],
      now,
    );
    return view((await letterById(trx, id)) as LetterRow);
  });
}

/** The letters of a region (the front office's) or of all regions (the national office's). */
export async function listLetters(db: Kysely<DB>, user: Actor | null | undefined, q: LettersQuery) {
  const scope = listScope(requireActor(user), 'awards.letters.read', q.region ? { region: q.region } : {});
  const region = q.region ?? scope.region;
  const rows = await listLetterRows(db, { region, period: q.period, kind: q.kind, status: q.status });
  return { items: rows.map(view) };
}

/** For a route's guard: the caller may do `action` on the letter's region (unknown: the handler's 404). */
export async function assertLetterAccess(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number | null,
  action: 'awards.letters.read' | 'awards.letters.choose' | 'awards.letters.approve',
) {
  const actor = authorize(user, action);
  if (id === null) return;
  const r = await letterById(db, id);
  if (r) authorize(actor, action, { region: r.region });
}

async function found(db: Db, id: number) {
  const r = await letterById(db, id);
  if (!r) throw notFound(`No letter ${id}`);
  return r;
}

/** The front office takes back a choice the national office has not approved. */
export async function withdrawLetter(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  at = new Date(),
) {
  const actor = requireActor(user);
  const now = at.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await found(trx, id);
    authorize(actor, 'awards.letters.choose', { region: r.region });
    if (r.status !== 'chosen' && r.status !== 'returned')
      throw refuse(409, 'letter_locked', `Letter ${id} is ${r.status}: it can no longer be withdrawn`, {
        status: r.status,
      });
    await deleteLetter(trx, id);
    await writeAudit(
      trx,
      [
        {
          userId: actor.id > 0 ? actor.id : null,
          action: 'delete',
          entity: 'award_letter',
          entityId: String(id),
          oldValue: { kind: r.kind, name: r.name },
          region: r.region,
          period: r.period,
        },
      ],
      now,
    );
  });
}

/** The national office approves a choice or returns it with a comment. */
export async function decideLetter(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  body: DecisionBody,
  at = new Date(),
): Promise<LetterView> {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await found(trx, id);
    authorize(actor, 'awards.letters.approve', { region: r.region });
    const status = body.decision === 'approve' ? 'approved' : 'returned';
    const moved = await moveLetter(trx, id, 'chosen', {
      status,
      decided_by: actor.id > 0 ? actor.id : null,
      decided_at: now,
      decision_comment: body.comment?.trim() || null,
    });
    if (!moved)
      throw refuse(
        409,
        'letter_decided',
        `Letter ${id} is ${r.status}: only a chosen one awaits a decision`,
        {
          status: r.status,
        },
      );
    await writeAudit(
      trx,
      [
        {
          userId: actor.id > 0 ? actor.id : null,
          action: body.decision === 'approve' ? 'accept' : 'return',
          entity: 'award_letter',
          entityId: String(id),
          field: 'status',
          oldValue: 'chosen',
          newValue: status,
          note: body.comment?.trim() || null,
          region: r.region,
          period: r.period,
        },
      ],
      now,
    );
    return view((await letterById(trx, id)) as LetterRow);
  });
}

/** A code no certificate and no letter has (80 random bits: a clash is practically never). */
async function freshCode(db: Db): Promise<string> {
  for (;;) {
    const code = newCertificateCode();
    if (!(await codeTaken(db, code))) return code;
  }
}

/** An approved letter issued under its verification code; issued already: 409 letter_already_issued. */
export async function issueLetter(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  id: number,
  at = new Date(),
): Promise<LetterView> {
  const actor = requireActor(user);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await found(trx, id);
    authorize(actor, 'awards.letters.choose', { region: r.region });
    const refused = () =>
      r.status === 'issued'
        ? refuse(
            409,
            'letter_already_issued',
            `${r.name} was issued this ${r.kind === 'thanks' ? 'letter of thanks' : 'Best Volunteer letter'} for ${r.period} already (code ${printedCode(r.code ?? '')})`,
            { code: printedCode(r.code ?? ''), period: r.period },
          )
        : refuse(
            409,
            'letter_not_approved',
            `Letter ${id} is ${r.status}: the national office approves it first`,
            {
              status: r.status,
            },
          );
    if (r.status !== 'approved') throw refused();
    const code = await freshCode(trx);
    const moved = await moveLetter(trx, id, 'approved', {
      status: 'issued',
      code,
      issued_by: actor.id > 0 ? actor.id : null,
      issued_at: now,
    });
    if (!moved) throw refused();
    await writeAudit(
      trx,
      [
        {
          userId: actor.id > 0 ? actor.id : null,
          action: 'issue',
          entity: 'award_letter',
          entityId: String(id),
          newValue: printedCode(code),
          region: r.region,
          period: r.period,
        },
      ],
      now,
    );
    return view((await letterById(trx, id)) as LetterRow);
  });
}

async function pdfOf(db: Db, r: LetterRow, lang: Lang) {
  if (r.code === null)
    throw refuse(
      409,
      'letter_not_issued',
      `Letter ${r.id} is ${r.status}: it has no document until it is issued`,
      {
        status: r.status,
      },
    );
  const doc: LetterDoc = {
    kind: r.kind,
    recipient: r.recipient,
    name: r.name,
    period: r.period,
    region: await regionNameIn(db as Kysely<DB>, r.region, lang),
    reasons: JSON.parse(r.reasons),
    code: printedCode(r.code),
    verifyUrl: verifyUrlOf(r.code),
    issuedAt: r.issued_at as string,
    lang,
    illustrative: Number(r.illustrative) === 1,
    areaName: await areaNamesIn(db, lang),
  };
  return { body: await letterPdf(doc), filename: `birgemiz-letter-${printedCode(r.code)}-${lang}.pdf` };
}

/** An issued letter as PDF, for the staff of its region and the national office. */
export async function letterDocument(db: Kysely<DB>, user: Actor | null | undefined, id: number, lang: Lang) {
  const actor = requireActor(user);
  const r = await found(db, id);
  authorize(actor, 'awards.letters.read', { region: r.region });
  return pdfOf(db, r, lang);
}

/** One of the volunteer's own letters as PDF, by its code (another's or unknown: 404). */
export async function ownLetterDocument(
  db: Kysely<DB>,
  user: Actor | null | undefined,
  code: string,
  lang: Lang,
) {
  const actor = authorize(user, 'volunteers.self');
  const r = code ? await ownLetterByCode(db, code, actor.id) : undefined;
  if (!r) throw notFound('No letter of yours has this code');
  return pdfOf(db, r, lang);
}
