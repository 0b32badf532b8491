// Open Graph tags of an opportunity's page (issue 11 item 3): a link to /platform/opportunities/:id
// shared in Telegram or WhatsApp shows its title, and its organiser, date and place, because the
// crawler reads them from the HTML the server sends (it runs no JavaScript). Only a published
// opportunity of a verified organisation gets them; for anything else the page is the plain
// index.html (a draft's title is not told). Every value is escaped; the address is PUBLIC_URL's,
// never the Host a request came with.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { escapeHtml } from '../../domain/report/format.ts';
import { appUrl } from '../../lib/public-url.ts';
import { findOpportunity, shiftsOf } from '../../modules/opportunities/opportunities.repository.ts';

export type OgLang = 'kk' | 'ru' | 'en';
export const isOgLang = (v: unknown): v is OgLang => v === 'kk' || v === 'ru' || v === 'en';

const LOCALE: Record<OgLang, string> = { kk: 'kk_KZ', ru: 'ru_RU', en: 'en_GB' };

/** A UTC instant as a date and time in Kazakhstan time (UTC+5): 01.05.2030 10:00 (en 01/05/2030). */
export function kzDateTime(utc: string, lang: OgLang): string {
  const d = new Date(Date.parse(utc) + 5 * 3600_000).toISOString();
  const sep = lang === 'en' ? '/' : '.';
  return `${d.slice(8, 10)}${sep}${d.slice(5, 7)}${sep}${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

export interface OpportunityHead {
  title: string;
  description: string;
  url: string;
}

/** What the tags say, or null when the opportunity is not public. */
export async function opportunityHead(
  db: Kysely<DB>,
  id: number,
  lang: OgLang,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpportunityHead | null> {
  const op = await findOpportunity(db, id);
  if (op?.status !== 'published' || op.orgStatus !== 'verified') return null;
  const shifts = await shiftsOf(db, [id]);
  const now = new Date().toISOString();
  // The next shift still ahead, else the first.
  const shift = shifts.find((s) => s.end >= now) ?? shifts[0];
  const unit = await db
    .selectFrom('territory_unit')
    .select(['name_kk', 'name_ru', 'name_en'])
    .where('code', '=', op.region)
    .executeTakeFirst();
  const region = unit ? { kk: unit.name_kk, ru: unit.name_ru, en: unit.name_en }[lang] : op.region;
  // Organiser · date · place (the locality, then the region).
  const place = op.locality ? `${op.locality}, ${region}` : region;
  const description = [op.organizationName, shift ? kzDateTime(shift.start, lang) : null, place]
    .filter((x): x is string => !!x)
    .join(' · ');
  return { title: op.title, description, url: `${appUrl(env)}/platform/opportunities/${id}` };
}

/** The <title> and the meta tags, every value escaped. */
export function headTags(head: OpportunityHead, lang: OgLang): string {
  const meta = (property: string, content: string) =>
    `<meta property="${property}" content="${escapeHtml(content)}">`;
  return [
    `<title>${escapeHtml(head.title)} · Birgemiz</title>`,
    `<meta name="description" content="${escapeHtml(head.description)}">`,
    meta('og:type', 'website'),
    meta('og:site_name', 'Birgemiz'),
    meta('og:title', head.title),
    meta('og:description', head.description),
    meta('og:url', head.url),
    meta('og:locale', LOCALE[lang]),
    `<link rel="canonical" href="${escapeHtml(head.url)}">`,
  ].join('\n');
}

/** index.html with the opportunity's title and tags in its head (its own <title> replaced). */
export function withHead(page: string, tags: string): string {
  const stripped = page.replace(/<title>[\s\S]*?<\/title>/i, '');
  // Replacer functions: a `$&` typed in a title is text, not a replacement pattern.
  return stripped.includes('</head>')
    ? stripped.replace('</head>', () => `${tags}\n</head>`)
    : stripped.replace(/^(<!doctype html>)?/i, (doctype) => `${doctype}${tags}`);
}
