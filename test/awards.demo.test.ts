// The awards' demo (issue 13 item 8): one half-year of letters of thanks (Almaty's issued with
// codes the public check knows, one of Astana's awaiting the national office) and last year's
// Volunteer of the Year with a jury of three demo jurors, one conflict of interest, published —
// all marked illustrative, made through the services, and the same after loading twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, loadDemo } from '../src/modules/demo/demo.service.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let first: DemoSummary;
let second: DemoSummary;

beforeAll(async () => {
  t = await createTestApp();
  first = await loadDemo(t.database);
  second = await loadDemo(t.database);
}, 600_000);
afterAll(async () => t?.close());

describe('the awards’ demo', () => {
  it('issues one half-year of letters in Almaty and leaves one of Astana’s to the national office', async () => {
    expect(second.awards).toMatchObject({ period: first.awards.period, letters: first.awards.letters });
    const letters = await t.database.db.selectFrom('award_letter').selectAll().execute();
    expect(letters.length).toBe(first.awards.letters);
    expect(new Set(letters.map((l) => l.period))).toEqual(new Set([first.awards.period]));
    expect(letters.every((l) => l.illustrative === 1 && l.kind === 'thanks')).toBe(true);
    const almaty = letters.filter((l) => l.region === 'KZ-75');
    expect(almaty.length).toBeGreaterThanOrEqual(2);
    expect(almaty.every((l) => l.status === 'issued' && l.code !== null)).toBe(true);
    expect(almaty.some((l) => l.recipient === 'organization')).toBe(true);
    expect(letters.filter((l) => l.region === 'KZ-71').map((l) => l.status)).toEqual(['chosen']);
    const check = await t.app.inject({
      method: 'GET',
      url: `/api/verify/${almaty[0]?.code}`,
      remoteAddress: '198.51.100.60',
    });
    expect(check.json()).toMatchObject({ kind: 'letter', region: 'KZ-75', period: first.awards.period });
  });

  it('publishes last year’s Volunteer of the Year with its jury, marked illustrative', async () => {
    const rounds = await t.database.db.selectFrom('award_round').selectAll().execute();
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ status: 'published', illustrative: 1 });
    const res = await t.app.inject({ method: 'GET', url: `/api/awards/results/${second.awards.round}` });
    expect(res.statusCode).toBe(200);
    const pub = res.json();
    expect(pub.illustrative).toBe(true);
    expect(pub.jury).toHaveLength(3);
    expect(pub.nominations.map((n: { scope: string }) => n.scope)).toEqual(['domestic', 'international']);
    for (const n of pub.nominations) expect(n.ranking[0].place).toBe(1);
    const conflicts = await t.database.db.selectFrom('award_conflict').selectAll().execute();
    expect(conflicts).toHaveLength(1);
    const jurors = await t.database.db
      .selectFrom('app_user')
      .select(['email', 'role', 'is_demo'])
      .where('role', '=', 'juror')
      .execute();
    expect(jurors.map((j) => j.email).sort()).toEqual([
      'juror.1@demo.birgemiz.kz',
      'juror.2@demo.birgemiz.kz',
      'juror.3@demo.birgemiz.kz',
    ]);
    expect(second.users).toContain('juror.1@demo.birgemiz.kz');
  });
});
