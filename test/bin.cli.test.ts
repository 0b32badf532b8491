// bin/birgemiz.mjs as a real process (smoke tests; every command is tested in-process through
// main(argv, io)): the help, an import on the test database, and the exit codes of a failing
// command (1) and a wrong command line (2), from the bundle and through tsx alike.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/registry.ts';
import { spawnCli } from './helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let database: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-bin-'));

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('bin/birgemiz.mjs', () => {
  it('--help lists every command and exits 0; an unknown command exits 2', async () => {
    const help = await spawnCli(['--help']);
    expect(help.code, help.stderr).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(c.usage);
    const unknown = await spawnCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command: frobnicate/);
  });

  it('imports a file into the database named by the environment', async () => {
    const file = path.join(dir, 'a.csv');
    fs.writeFileSync(
      file,
      'region,period,organization,organization_type,title,area,format,kind,start_date,end_date,volunteers,hours\n' +
        'KZ-75,2022-03,Smoke NPO,npo,Smoke test,umit,offline,event,2022-03-05,2022-03-05,10,20\n',
    );
    const r = await spawnCli(['import', 'activities', file, '--json'], { env: database.cliEnv });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, inserted: 1 });
    const rows = await database.db.selectFrom('activity').select('title').execute();
    expect(rows.map((x) => x.title)).toEqual(['Smoke test']);
  });

  it('a failing command exits 1 with its message; a wrong command line exits 2 (also through tsx)', async () => {
    const missing = await spawnCli(['import', 'activities', path.join(dir, 'nope.csv')], {
      env: database.cliEnv,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such file/);
    const [usage, viaTsx] = await Promise.all([
      spawnCli(['import', '--json'], { env: database.cliEnv }),
      spawnCli(['import'], { env: { ...database.cliEnv, BIRGEMIZ_CLI_TSX: '1' } }),
    ]);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ ok: false, error: 'usage', details: [] });
    expect(viaTsx.code).toBe(2);
    expect(viaTsx.stderr).toMatch(/Usage: birgemiz import/);
  });
});
