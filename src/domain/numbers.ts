// Numbers as people type them in Kazakh and Russian Excel: "1 088 387", "42,5", "1 088 387,5".
export type ParsedNumber = { ok: true; value: number | null } | { ok: false };

/** Blank → null (not reported). Spaces (incl. no-break) as thousands separators; decimal comma or point. */
export function parseNumber(raw: unknown): ParsedNumber {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false };
  const s = String(raw).replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return { ok: true, value: null };
  if (!/^[-+]?(\d+([.,]\d+)?|[.,]\d+)$/.test(s)) return { ok: false };
  const v = Number(s.replace(',', '.'));
  return Number.isFinite(v) ? { ok: true, value: v } : { ok: false };
}
