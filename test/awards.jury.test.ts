// Volunteer of the Year scored by a jury (issue 13 item 3): a round with nominations (domestic and
// international apart, each with its criteria), nominees entered by the front offices (own region
// only) and the national office with a justification, jurors of the role `juror` scoped to the
// rounds they sit on, conflicts of interest, scores hidden from the other jurors until the round
// closes and frozen after, the result by the stated rule (a tie broken on the first criterion that
// differs, a full tie shared), published with the jury's names for anyone, and the winner's
// record book. And the bad input: a juror scoring a nominee he declared a conflict with, a score
// outside the scale, scores changed after the close, a juror of another round, another region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { call, type Volunteer, volunteer } from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
const jurors: Record<'j1' | 'j2' | 'j3' | 'outsider', SignedIn> = {} as never;
let aset: Volunteer;
let round = 0;
let domestic = 0;
let international = 0;
const nominee: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  for (const [k, name] of [
    ['j1', 'Жанар Әбенова'],
    ['j2', 'Pavel Kim'],
    ['j3', 'Ерлан Сейітов'],
    ['outsider', null],
  ] as const) {
    jurors[k] = await signIn(t, 'juror');
    if (name)
      await t.database.db
        .updateTable('app_user')
        .set({ display_name: name })
        .where('id', '=', jurors[k].userId)
        .execute();
  }
  aset = await volunteer(t.database.db, { name: 'Әсет Бекұлы' });
});
afterAll(async () => t?.close());

const url = (rest = '') => `/api/awards/rounds/${round}${rest}`;
const score = (who: SignedIn, n: string, scores: number[]) =>
  call(t, who, 'PUT', url('/scores'), {
    nominee: nominee[n],
    scores: scores.map((s, criterion) => ({ criterion, score: s })),
  });

describe('setting a round up', () => {
  it('the national admin makes it with its nominations, criteria and scale; one a year', async () => {
    const body = {
      year: 2026,
      title: 'Volunteer of the Year 2026',
      scaleMax: 10,
      nominations: [
        { scope: 'domestic', name: 'Волонтер года', criteria: ['Вклад', 'Постоянство', 'Новизна'] },
        { scope: 'international', name: 'International volunteer', criteria: ['Impact', 'Cooperation'] },
      ],
    };
    expect((await call(t, rfo, 'POST', '/api/awards/rounds', body)).statusCode).toBe(403);
    expect((await call(t, jurors.j1, 'POST', '/api/awards/rounds', body)).statusCode).toBe(403);
    const res = await call(t, admin, 'POST', '/api/awards/rounds', body, 201);
    round = res.json().id;
    const twice = await call(t, admin, 'POST', '/api/awards/rounds', body);
    expect([twice.statusCode, twice.json().error]).toEqual([409, 'round_exists']);
    for (const bad of [
      { ...body, year: 2027, nominations: [] },
      { ...body, year: 2027, scaleMax: 2 },
      { ...body, year: 2027, nominations: [{ scope: 'galactic', name: 'X', criteria: ['a'] }] },
      { ...body, year: 2027, nominations: [{ scope: 'domestic', name: 'X', criteria: Array(11).fill('c') }] },
      { ...body, year: 2027, title: '   ' },
    ])
      expect((await call(t, admin, 'POST', '/api/awards/rounds', bad)).statusCode, JSON.stringify(bad)).toBe(
        400,
      );
    const r = (await call(t, admin, 'GET', url(), undefined, 200)).json();
    expect(r).toMatchObject({ status: 'nominating', scaleMax: 10, scores: null });
    expect(
      r.nominations.map((n: { scope: string; criteria: string[] }) => [n.scope, n.criteria.length]),
    ).toEqual([
      ['domestic', 3],
      ['international', 2],
    ]);
    domestic = r.nominations[0].id;
    international = r.nominations[1].id;
  });

  it('seats jurors of the role juror under the names the results publish', async () => {
    for (const k of ['j1', 'j2', 'j3'] as const)
      await call(t, admin, 'POST', url('/jurors'), { user: jurors[k].userId }, 200);
    const notJuror = await call(t, admin, 'POST', url('/jurors'), { user: rfo.userId });
    expect([notJuror.statusCode, notJuror.json().error]).toEqual([422, 'not_a_juror']);
    const noName = await call(t, admin, 'POST', url('/jurors'), { user: jurors.outsider.userId });
    expect([noName.statusCode, noName.json().error]).toEqual([422, 'juror_name_required']);
    expect((await call(t, analyst, 'POST', url('/jurors'), { user: jurors.j1.userId })).statusCode).toBe(403);
  });
});

describe('nominees', () => {
  const enter = (who: SignedIn, body: object) => call(t, who, 'POST', url('/nominees'), body);
  const why = 'Organised winter help for 40 elderly people';

  it('a front office from its own region, the national office from any, each with a justification', async () => {
    const a = await enter(rfo, {
      nomination: domestic,
      region: 'KZ-75',
      volunteer: aset.userId,
      justification: why,
    });
    expect(a.statusCode, a.body).toBe(201);
    nominee.A = a.json().id;
    const far = await enter(rfo, {
      nomination: domestic,
      region: 'KZ-79',
      name: 'Someone',
      justification: why,
    });
    expect(far.statusCode).toBe(403);
    // A front office names a volunteer of its own region only: not any name behind an id.
    const stranger = await volunteer(t.database.db, { name: 'Чужой Волонтер', region: 'KZ-79' });
    const pulled = await enter(rfo, {
      nomination: domestic,
      region: 'KZ-75',
      volunteer: stranger.userId,
      justification: why,
    });
    expect([pulled.statusCode, pulled.json().error]).toEqual([422, 'unknown_volunteer']);
    expect(pulled.body).not.toContain('Чужой');
    nominee.B = (
      await enter(admin, {
        nomination: domestic,
        region: 'KZ-79',
        name: 'Бауыржан Оспанов',
        justification: why,
      })
    ).json().id;
    nominee.C = (
      await enter(otherRfo, {
        nomination: domestic,
        region: 'KZ-79',
        name: 'Дина Шаймерденова',
        justification: why,
      })
    ).json().id;
    nominee.D = (
      await enter(admin, {
        nomination: international,
        region: 'KZ-71',
        name: 'Anna Müller',
        justification: why,
      })
    ).json().id;
    nominee.E = (
      await enter(admin, {
        nomination: international,
        region: 'KZ-75',
        name: 'Kenji Sato',
        justification: why,
      })
    ).json().id;
    const twice = await enter(admin, {
      nomination: domestic,
      region: 'KZ-75',
      volunteer: aset.userId,
      justification: why,
    });
    expect([twice.statusCode, twice.json().error]).toEqual([409, 'already_nominated']);
    const unknown = await enter(admin, {
      nomination: 999999,
      region: 'KZ-75',
      name: 'X',
      justification: why,
    });
    expect([unknown.statusCode, unknown.json().error]).toEqual([422, 'unknown_nomination']);
    expect(
      (await enter(admin, { nomination: domestic, region: 'KZ-75', name: 'X', justification: 'short' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await enter(admin, { nomination: domestic, region: 'KZ-75', justification: why })).statusCode,
    ).toBe(400);
    expect(
      (await enter(jurors.j1, { nomination: domestic, region: 'KZ-75', name: 'X', justification: why }))
        .statusCode,
    ).toBe(403);
  });

  it('no scoring while nominating; no nominee once scoring has begun', async () => {
    const early = await score(jurors.j1, 'B', [5, 5, 5]);
    expect([early.statusCode, early.json().error]).toEqual([409, 'round_not_scoring']);
    const skip = await call(t, admin, 'POST', url('/status'), { status: 'closed' });
    expect([skip.statusCode, skip.json().error]).toEqual([409, 'round_transition']);
    await call(t, admin, 'POST', url('/status'), { status: 'scoring' }, 200);
    const late = await enter(admin, {
      nomination: domestic,
      region: 'KZ-75',
      name: 'Late',
      justification: why,
    });
    expect([late.statusCode, late.json().error]).toEqual([409, 'round_not_nominating']);
  });
});

describe('scoring', () => {
  it('a juror declares a conflict and then cannot score that nominee (409)', async () => {
    const c = await call(
      t,
      jurors.j1,
      'POST',
      url('/conflicts'),
      { nominee: nominee.A, note: 'My cousin' },
      201,
    );
    expect(c.json()).toMatchObject({ nominee: nominee.A, withdrawnScores: 0 });
    const res = await score(jurors.j1, 'A', [10, 10, 10]);
    expect([res.statusCode, res.json().error]).toEqual([409, 'conflict_of_interest']);
    // Declared again: the first declaration stands.
    expect((await call(t, jurors.j1, 'POST', url('/conflicts'), { nominee: nominee.A })).statusCode).toBe(
      201,
    );
  });

  it('a score outside the scale or of a criterion the nomination lacks is 400, and nothing is saved', async () => {
    for (const scores of [
      [11, 5, 5],
      [0, 5, 5],
      [-3, 5, 5],
    ]) {
      const res = await score(jurors.j1, 'B', scores);
      expect([res.statusCode, res.json().error]).toEqual([400, 'score_out_of_scale']);
    }
    const extra = await score(jurors.j1, 'B', [5, 5, 5, 5]);
    expect([extra.statusCode, extra.json().error]).toEqual([400, 'unknown_criterion']);
    expect((await score(jurors.j1, 'B', [5.5, 5, 5])).statusCode).toBe(400);
    const mine = (await call(t, jurors.j1, 'GET', url(), undefined, 200)).json();
    expect(mine.nominations[0].nominees[1].myScores).toEqual([null, null, null]);
    const wrongNominee = await call(t, jurors.j1, 'PUT', url('/scores'), {
      nominee: 999999,
      scores: [{ criterion: 0, score: 5 }],
    });
    expect([wrongNominee.statusCode, wrongNominee.json().error]).toEqual([422, 'unknown_nominee']);
  });

  it('only the jurors of the round score; staff and other jurors are refused', async () => {
    for (const who of [admin, rfo, jurors.outsider])
      expect((await score(who, 'B', [5, 5, 5])).statusCode).toBe(403);
    expect((await call(t, jurors.outsider, 'GET', url())).statusCode).toBe(403);
    expect(
      (await call(t, jurors.outsider, 'GET', '/api/awards/rounds', undefined, 200)).json().items,
    ).toEqual([]);
    const own = (await call(t, jurors.j1, 'GET', '/api/awards/rounds', undefined, 200)).json().items;
    expect(own.map((r: { id: number; juror: boolean }) => [r.id, r.juror])).toEqual([[round, true]]);
  });

  it('scores are entered, replaced, and hidden from the other jurors while the round is open', async () => {
    await score(jurors.j1, 'B', [1, 1, 1]);
    expect((await score(jurors.j1, 'B', [8, 7, 9])).statusCode).toBe(200); // replaces
    expect((await score(jurors.j1, 'C', [6, 6, 6])).statusCode).toBe(200);
    expect((await score(jurors.j2, 'A', [9, 9, 9])).statusCode).toBe(200);
    expect((await score(jurors.j2, 'B', [8, 7, 9])).statusCode).toBe(200);
    expect((await score(jurors.j2, 'C', [10, 10, 10])).statusCode).toBe(200);
    expect((await score(jurors.j3, 'A', [7, 7, 7])).statusCode).toBe(200);
    expect((await score(jurors.j3, 'B', [8, 7, 9])).statusCode).toBe(200);
    expect((await score(jurors.j3, 'C', [6, 6, 6])).statusCode).toBe(200);
    for (const n of ['D', 'E']) expect((await score(jurors.j1, n, [7, 7])).statusCode).toBe(200);
    const j2 = (await call(t, jurors.j2, 'GET', url(), undefined, 200)).json();
    expect(j2.scores).toBeNull();
    expect(j2.nominations[0].ranking).toBeNull();
    // His own scores only: juror 1's of nominee B (8, 7, 9) and C (6) are not his.
    expect(j2.nominations[0].nominees.map((n: { myScores: number[] }) => n.myScores)).toEqual([
      [9, 9, 9],
      [8, 7, 9],
      [10, 10, 10],
    ]);
    expect(JSON.stringify(j2)).not.toContain('"score":');
    const j1 = (await call(t, jurors.j1, 'GET', url(), undefined, 200)).json();
    expect(
      j1.nominations[0].nominees.map((n: { myScores: number[]; conflict: boolean }) => [
        n.conflict,
        n.myScores,
      ]),
    ).toEqual([
      [true, [null, null, null]],
      [false, [8, 7, 9]],
      [false, [6, 6, 6]],
    ]);
    // The staff see each juror's progress, not the values.
    const staff = (await call(t, admin, 'GET', url(), undefined, 200)).json();
    expect(staff.scores).toBeNull();
    expect(staff.nominations[0].nominees[0].myScores).toBeNull();
    expect(
      staff.jury.map((j: { name: string; scores: number; conflicts: number }) => [
        j.name,
        j.scores,
        j.conflicts,
      ]),
    ).toEqual([
      ['Жанар Әбенова', 10, 1],
      ['Pavel Kim', 9, 0],
      ['Ерлан Сейітов', 9, 0],
    ]);
  });

  it('a conflict declared after scoring takes the juror’s scores of that nominee out', async () => {
    const res = await call(t, jurors.j2, 'POST', url('/conflicts'), { nominee: nominee.C }, 201);
    expect(res.json().withdrawnScores).toBe(3);
    expect((await score(jurors.j2, 'C', [10, 10, 10])).statusCode).toBe(409);
  });
});

describe('closing and the result', () => {
  it('after the close no score or conflict changes (409 round_closed)', async () => {
    expect((await call(t, jurors.j1, 'POST', url('/status'), { status: 'closed' })).statusCode).toBe(403);
    await call(t, admin, 'POST', url('/status'), { status: 'closed' }, 200);
    const res = await score(jurors.j1, 'B', [10, 10, 10]);
    expect([res.statusCode, res.json().error]).toEqual([409, 'round_closed']);
    const c = await call(t, jurors.j3, 'POST', url('/conflicts'), { nominee: nominee.B });
    expect([c.statusCode, c.json().error]).toEqual([409, 'round_closed']);
    const seat = await call(t, admin, 'POST', url('/jurors'), {
      user: jurors.outsider.userId,
      name: 'Late Juror',
    });
    expect([seat.statusCode, seat.json().error]).toEqual([409, 'round_closed']);
  });

  it('follows from the scores by the rule: equal totals split on the first criterion that differs; full ties shared', async () => {
    const r = (await call(t, jurors.j3, 'GET', url(), undefined, 200)).json();
    expect(r.status).toBe('closed');
    expect(r.rule).toMatch(/first criterion/);
    expect(r.scores).toHaveLength(10 + 9 + 9 - 3);
    // A: (9+7)/2 on each → 24; B: 8, 7, 9 → 24, but A's 8 beats B's 7 on the second criterion;
    // C: juror 2's tens were taken out with his conflict → 6, 6, 6 = 18.
    expect(
      r.nominations[0].ranking.map((x: { name: string; place: number; total: number; shared: boolean }) => [
        x.name,
        x.place,
        x.total,
        x.shared,
      ]),
    ).toEqual([
      ['Әсет Бекұлы', 1, 24, false],
      ['Бауыржан Оспанов', 2, 24, false],
      ['Дина Шаймерденова', 3, 18, false],
    ]);
    expect(r.nominations[0].ranking[0]).toMatchObject({ means: [8, 8, 8], jurors: 2 });
    expect(
      r.nominations[1].ranking.map((x: { place: number; shared: boolean }) => [x.place, x.shared]),
    ).toEqual([
      [1, true],
      [1, true],
    ]);
  });

  it('is public once published, with the jury’s names, for anyone; before, 404', async () => {
    expect((await call(t, null, 'GET', `/api/awards/results/${round}`)).statusCode).toBe(404);
    expect((await call(t, null, 'GET', '/api/awards/results', undefined, 200)).json().items).toEqual([]);
    await call(t, admin, 'POST', url('/status'), { status: 'published' }, 200);
    const again = await call(t, admin, 'POST', url('/status'), { status: 'published' });
    expect([again.statusCode, again.json().error]).toEqual([409, 'round_transition']);
    const list = (await call(t, null, 'GET', '/api/awards/results', undefined, 200)).json().items;
    expect(list).toMatchObject([
      { id: round, year: 2026, title: 'Volunteer of the Year 2026', illustrative: false },
    ]);
    const pub = (await call(t, null, 'GET', `/api/awards/results/${round}`, undefined, 200)).json();
    expect(pub.jury).toEqual(['Жанар Әбенова', 'Pavel Kim', 'Ерлан Сейітов']);
    expect(pub.nominations[0]).toMatchObject({ scope: 'domestic', name: 'Волонтер года' });
    expect(pub.nominations[0].ranking[0]).toEqual({
      name: 'Әсет Бекұлы',
      region: 'KZ-75',
      place: 1,
      shared: false,
      total: 24,
      means: [8, 8, 8],
    });
    // No justification, account or score of a single juror goes public.
    expect(JSON.stringify(pub)).not.toMatch(/justification|"volunteer"|"juror"|elderly/);
    expect((await call(t, null, 'GET', '/api/awards/results/abc')).statusCode).toBe(400);
  });

  it('the winner’s record book lists the place', async () => {
    const book = (
      await call(t, aset, 'GET', '/api/platform/volunteers/me/record-book', undefined, 200)
    ).json();
    expect(book.awards).toEqual([
      {
        round,
        year: 2026,
        title: 'Volunteer of the Year 2026',
        nomination: 'Волонтер года',
        place: 1,
        resultsUrl: `/awards/results/${round}`,
      },
    ]);
  });
});

describe('erasure', () => {
  it('a nominee who erases his account is named by his initials in the published result', async () => {
    expect((await call(t, aset, 'DELETE', '/api/platform/volunteers/me')).statusCode).toBe(204);
    const pub = (await call(t, null, 'GET', `/api/awards/results/${round}`, undefined, 200)).json();
    expect(pub.nominations[0].ranking[0]).toMatchObject({ name: 'Ә. Б.', place: 1 });
    expect(JSON.stringify(pub)).not.toContain('Бекұлы');
  });
});
