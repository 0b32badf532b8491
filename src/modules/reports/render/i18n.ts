// The reports' catalogues (src/i18n/reports.<lang>.json), shared with the report computation. Read
// once per process; a key missing in one language falls back to English, then to the key itself,
// so a half-translated catalogue shows a readable page rather than an error.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from './format.ts';

type Catalogue = Record<string, unknown>;
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'i18n');
const catalogues = new Map<Lang, Catalogue>();

function catalogue(lang: Lang): Catalogue {
  let c = catalogues.get(lang);
  if (!c) {
    c = JSON.parse(fs.readFileSync(path.join(dir, `reports.${lang}.json`), 'utf8')) as Catalogue;
    catalogues.set(lang, c);
  }
  return c;
}

function lookup(c: Catalogue, key: string): string | undefined {
  let node: unknown = c;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, vars) => {
    const text = lookup(catalogue(lang), key) ?? lookup(catalogue('en'), key) ?? key;
    return vars ? text.replace(/\{\{(\w+)\}\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };
}
