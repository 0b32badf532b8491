// The Kazakh interface and reports call a volunteer by one word: «волонтер» (волонтерлер,
// волонтерлік …), as the law on volunteering, the code lists and the annual report do; «ерікті»
// (еріктілер, еріктілік …) must not come back in a catalogue or a Kazakh column title of the
// templates, which still read files with the earlier titles.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS, KIND_COLUMNS, mapHeader } from '../modules/imports/headers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CATALOGUES = ['kk.json', 'reports.kk.json'];

/** Every text of a catalogue with its key path. */
function texts(file: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (o: unknown, at: string) => {
    if (typeof o === 'string') out.push([at, o]);
    else if (o && typeof o === 'object')
      for (const [k, v] of Object.entries(o)) walk(v, at ? `${at}.${k}` : k);
  };
  walk(JSON.parse(readFileSync(path.join(here, file), 'utf8')), '');
  return out;
}

describe('one Kazakh word for volunteers', () => {
  for (const file of CATALOGUES) {
    it(`${file} says «волонтер», never «ерікті»`, () => {
      const all = texts(file);
      expect(all.filter(([, v]) => /ерікті/i.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
      expect(all.some(([, v]) => /волонтер/i.test(v))).toBe(true);
    });
  }
});

describe('the e-mails the server writes', () => {
  // Their Kazakh texts live in TypeScript beside the Russian and English ones.
  const MAIL_SOURCES = [
    '../modules/users/accounts.mail.ts',
    '../modules/volunteers/volunteers.mail.ts',
    '../modules/notifications/notifications.messages.ts',
    '../modules/platform-organizations/platform-organizations.messages.ts',
    '../modules/applications/applications.mail.ts',
    '../modules/appeals/appeals.mail.ts',
  ];
  for (const file of MAIL_SOURCES) {
    it(`${path.basename(file)} says «волонтер», never «ерікті»`, () => {
      const source = readFileSync(path.join(here, file), 'utf8');
      expect(source.match(/[^\s`'"]*ерікті[^\s`'"]*/gi) ?? []).toEqual([]);
    });
  }
});

describe('the Kazakh column titles of the templates', () => {
  it('say «волонтер», and still read a file titled «Еріктілер»', () => {
    const titles = IMPORT_KINDS.flatMap((k) => KIND_COLUMNS[k].map((c) => c.kk));
    expect(titles.filter((x) => /ерікті/i.test(x))).toEqual([]);
    expect(titles).toContain('Волонтерлер');
    const old = mapHeader('volunteers', ['Өңір', 'Кезең', 'Бөліну', 'Санат', 'Еріктілер']);
    expect(old.problems).toBeNull();
    expect(old.map?.indexOf.volunteers).toBe(4);
  });
});
