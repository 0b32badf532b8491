// What went wrong, in the reader's language. The server answers with a stable code (`error`) and
// the details that name what it is about (a region and month, a value, a limit); its `message` is
// English, for the command line and the logs. The catalogues hold a sentence per code
// (`errors.codes.*`) and per rule of a cell (`rules.*`, with the values in `ruleDetails.*`); the
// English sentence is shown only for a code no catalogue names yet.
import type { Problem as CellProblem } from '../../domain/activity-rules.ts';
import type { Lang } from '../../domain/lang.ts';
import type { Territory } from '../../modules/reference/reference.schemas.ts';
import type { ApiError } from './api.ts';
import { codeLabel, isCode, type T } from './i18n.ts';
import { periodText } from './periodText.ts';
import { territoryName } from './reference.ts';

type Params = Record<string, string | number>;

/** The rule a cell broke, with what it names (which breakdown, which sums), in the reader's language. */
export function ruleText(t: T, p: CellProblem): string {
  if (!isCode('rules', p.rule)) return p.message;
  const params = p.params;
  if (params && isCode('ruleDetails', p.rule)) {
    const dimension = typeof params.dimension === 'string' ? params.dimension : '';
    return t(`ruleDetails.${p.rule}`, {
      ...params,
      dimension: dimension ? codeLabel(t, 'dimensions', dimension) : '',
    });
  }
  return t(`rules.${p.rule}`);
}

const primitive = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

/** "Abai region, March 2022 (accepted)" for each detail that names a region and a period. */
function itemsOf(t: T, lang: Lang, territories: Territory[] | null, details: unknown[]): string {
  const items: string[] = [];
  for (const d of details) {
    if (!d || typeof d !== 'object') continue;
    const r = d as Record<string, unknown>;
    const period = typeof r.period === 'string' ? r.period : typeof r.value === 'string' ? r.value : null;
    if (!period) continue;
    const parts = [
      typeof r.region === 'string' ? territoryName(territories, r.region, lang) : null,
      // Month names are lower-case inside a Kazakh or Russian sentence, capitalised in English.
      lang === 'en' ? periodText(t, period) : periodText(t, period).toLocaleLowerCase(lang),
    ].filter(Boolean);
    const status =
      typeof r.status === 'string' && isCode('status', r.status) ? t(`status.${r.status}`) : null;
    const rows = typeof r.rows === 'number' ? t('errors.rows', { count: r.rows }) : null;
    const note = [status, rows].filter(Boolean).join(', ');
    items.push(`${parts.join(', ')}${note ? ` (${note.toLocaleLowerCase(lang)})` : ''}`);
  }
  return items.join('; ');
}

/** The sentence for an error answer whose code the catalogue names; null when it names none. */
export function codeText(t: T, lang: Lang, territories: Territory[] | null, error: ApiError): string | null {
  if (!isCode('errors.codes', error.code)) return null;
  const first = (error.details[0] ?? {}) as unknown as Record<string, unknown>;
  const params: Params = {};
  for (const [k, v] of Object.entries(first)) if (primitive(v)) params[k] = v;
  const body = (error.body ?? {}) as Record<string, unknown>;
  if (typeof body.retryAfterSeconds === 'number') params.seconds = body.retryAfterSeconds;
  if (typeof params.status === 'string' && isCode('status', params.status))
    params.status = t(`status.${params.status}`).toLocaleLowerCase(lang);
  params.items = itemsOf(t, lang, territories, error.details);
  return t(`errors.codes.${error.code}`, params);
}
