// The list of migrations: Kysely runs them by name, and migrating down to an earlier target (the
// readiness and audit tests do, and an operator rolling back does) needs every one to undo itself.
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/db/migrate.ts';

describe('migrations', () => {
  it('are listed in the order of their names (the order Kysely runs them in)', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
  });

  it('each have a down step', () => {
    const without = Object.entries(MIGRATIONS)
      .filter(([, m]) => typeof m.down !== 'function')
      .map(([name]) => name);
    expect(without).toEqual([]);
  });
});
