// Territories and code lists from the reference API, fetched once per page load and shared.
import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/lang.ts';
import type { ReferenceSnapshot } from '../../domain/reference.ts';
import { normalizeName } from '../../domain/text.ts';
import type { CodeLists, Territory } from '../../modules/reference/reference.schemas.ts';
import { get } from './api.ts';
import { localName } from './i18n.ts';

let territoriesP: Promise<Territory[]> | null = null;
let codeListsP: Promise<CodeLists> | null = null;

export function loadTerritories(): Promise<Territory[]> {
  territoriesP ??= get<Territory[]>('/api/reference/territories', { map: 'all' }).catch((e) => {
    territoriesP = null;
    throw e;
  });
  return territoriesP;
}

export function loadCodeLists(): Promise<CodeLists> {
  codeListsP ??= get<CodeLists>('/api/reference/code-lists').catch((e) => {
    codeListsP = null;
    throw e;
  });
  return codeListsP;
}

export function useTerritories(): Territory[] | null {
  const [v, setV] = useState<Territory[] | null>(null);
  useEffect(() => {
    loadTerritories()
      .then(setV)
      .catch(() => setV([]));
  }, []);
  return v;
}

export function useCodeLists(): CodeLists | null {
  const [v, setV] = useState<CodeLists | null>(null);
  useEffect(() => {
    loadCodeLists()
      .then(setV)
      .catch(() => setV({}));
  }, []);
  return v;
}

/** Units that existed at some time in the year (the 17-unit map of 2022 and the 20 after). */
export function unitsOfYear(all: Territory[], year: number): Territory[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  return all.filter(
    (u) => (u.validFrom === null || u.validFrom <= end) && (u.validTo === null || u.validTo >= start),
  );
}

export function territoryName(all: Territory[] | null, code: string, lang: Lang): string {
  const u = all?.find((x) => x.code === code);
  return u ? localName(u, lang) : code;
}

export function codeName(lists: CodeLists | null, list: string, code: string | null, lang: Lang): string {
  if (!code) return '';
  const item = lists?.[list]?.find((x) => x.code === code);
  return item ? localName(item, lang) : code;
}

/** The snapshot the shared validation rules need (src/domain/reference.ts), built from the API. */
export function buildSnapshot(territories: Territory[], lists: CodeLists): ReferenceSnapshot {
  const aliases: Record<string, string> = {};
  for (const u of territories) {
    for (const a of [u.code, u.kato, u.nameKk, u.nameRu, u.nameEn]) if (a) aliases[normalizeName(a)] = u.code;
  }
  const codes: Record<string, string[]> = {};
  for (const [list, items] of Object.entries(lists)) {
    codes[list] = items.filter((i) => i.active).map((i) => i.code);
  }
  return {
    units: territories.map((u) => ({ code: u.code, validFrom: u.validFrom, validTo: u.validTo })),
    aliases,
    codes,
  };
}
