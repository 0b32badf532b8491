// What the volunteer's sign-up and profile forms share: the server's refusal mapped to the field it
// is about (in the reader's language), the lists typed as text, and the fields both forms show.
import type { Problem as CellProblem } from '../../../domain/activity-rules.ts';
import { Field } from '../../components/ui.tsx';
import { ApiError } from '../../lib/api.ts';
import { isCode, localName, type T, useT } from '../../lib/i18n.ts';
import { ruleText } from '../../lib/problemText.ts';
import { useCodeLists, useTerritories } from '../../lib/reference.ts';

/** The languages offered as boxes (others kept as they are). */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;

/** "first aid, photography" → ["first aid", "photography"] (empty parts dropped, at most 20). */
export const splitList = (s: string): string[] =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean)
    .slice(0, 20);

/** Server rules of the volunteer's fields whose sentence is in volunteerWeb.invalid. */
const OWN_RULES = ['email', 'date', 'code_list', 'region_exists', 'required'] as const;
type OwnRule = (typeof OWN_RULES)[number];
const isOwnRule = (r: string): r is OwnRule => (OWN_RULES as readonly string[]).includes(r);

/** The column a refusal is about: its own, or the one its code names (email_taken has none). */
function columnOf(p: CellProblem): string | null {
  if (p.column) return p.column;
  if (p.rule === 'email_taken') return 'email';
  return null;
}

/** The sentence for one problem of a field, in the reader's language. */
function problemText(t: T, p: CellProblem): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p as unknown as Record<string, unknown>))
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  if (p.rule === 'password_rules') return t('errors.codes.weak_password', params);
  if (isCode('errors.codes', p.rule)) return t(`errors.codes.${p.rule}`, params);
  if (isOwnRule(p.rule)) return t(`volunteerWeb.invalid.${p.rule}`);
  return ruleText(t, p);
}

/**
 * The refusal of each field (by the API's column name), and whether the refusal names any field of
 * `columns` at all (then the form says "correct the marked fields" instead of the whole sentence).
 */
export function fieldProblems(t: T, error: unknown, columns: readonly string[]) {
  const details = error instanceof ApiError ? error.details : [];
  const of = (column: string): string | null => {
    const p = details.find((d) => columnOf(d) === column);
    return p ? problemText(t, p) : null;
  };
  const onFields = details.some((d) => {
    const c = columnOf(d);
    return c !== null && columns.includes(c);
  });
  return { of, onFields };
}

export interface CommonValues {
  name: string;
  region: string;
  employment: string;
  skills: string;
  languages: string[];
  resident: boolean;
  disability: boolean;
}

/** Name, region, occupation, skills, languages, residence and disability: in both forms. */
export function CommonFields({
  value,
  onChange,
  problemOf,
}: {
  value: CommonValues;
  onChange(next: CommonValues): void;
  problemOf(column: string): string | null;
}) {
  const { t, lang } = useT();
  const territories = useTerritories();
  const lists = useCodeLists();
  const regions = (territories ?? []).filter((u) => u.validTo === null);
  const employments = (lists?.employment ?? []).filter((x) => x.active || x.code === value.employment);
  const set = <K extends keyof CommonValues>(k: K, v: CommonValues[K]) => onChange({ ...value, [k]: v });
  return (
    <>
      <Field label={t('volunteerWeb.name')} error={problemOf('name')}>
        {(p) => (
          <input
            {...p}
            name="name"
            autoComplete="name"
            required
            maxLength={200}
            value={value.name}
            onChange={(e) => set('name', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('volunteerWeb.region')} error={problemOf('region')}>
        {(p) => (
          <select
            {...p}
            name="region"
            required
            value={value.region}
            onChange={(e) => set('region', e.target.value)}
          >
            <option value="">{t('volunteerWeb.choose')}</option>
            {regions.map((u) => (
              <option key={u.code} value={u.code}>
                {localName(u, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('volunteerWeb.employment')} error={problemOf('employment')}>
        {(p) => (
          <select
            {...p}
            name="employment"
            required
            value={value.employment}
            onChange={(e) => set('employment', e.target.value)}
          >
            <option value="">{t('volunteerWeb.choose')}</option>
            {employments.map((x) => (
              <option key={x.code} value={x.code}>
                {localName(x, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('volunteerWeb.skills')} hint={t('volunteerWeb.skillsHint')} error={problemOf('skills')}>
        {(p) => (
          <input
            {...p}
            name="skills"
            maxLength={1300}
            value={value.skills}
            onChange={(e) => set('skills', e.target.value)}
          />
        )}
      </Field>
      <fieldset className="figure-switch field">
        <legend>{t('volunteerWeb.languages')}</legend>
        {LANGUAGES.map((l) => (
          <label key={l} lang={l}>
            <input
              type="checkbox"
              name="languages"
              value={l}
              checked={value.languages.includes(l)}
              onChange={(e) =>
                set(
                  'languages',
                  e.target.checked ? [...value.languages, l] : value.languages.filter((x) => x !== l),
                )
              }
            />{' '}
            {t(`lang.${l}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label>
          <input
            type="checkbox"
            name="resident"
            checked={value.resident}
            onChange={(e) => set('resident', e.target.checked)}
          />{' '}
          {t('volunteerWeb.resident')}
        </label>
      </div>
      <div className="field">
        <label>
          <input
            type="checkbox"
            name="disability"
            checked={value.disability}
            onChange={(e) => set('disability', e.target.checked)}
          />{' '}
          {t('volunteerWeb.disability')}
        </label>
      </div>
    </>
  );
}

/** A minor's parent or guardian: name and e-mail, both required (the consent link goes there). */
export function GuardianFields({
  value,
  onChange,
  problemOf,
}: {
  value: { name: string; email: string };
  onChange(next: { name: string; email: string }): void;
  problemOf(column: string): string | null;
}) {
  const { t } = useT();
  return (
    <>
      <Field
        label={t('volunteerWeb.guardianName')}
        error={problemOf('guardian.name') ?? problemOf('guardian')}
      >
        {(p) => (
          <input
            {...p}
            name="guardianName"
            required
            maxLength={200}
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('volunteerWeb.guardianEmail')} error={problemOf('guardian.email')}>
        {(p) => (
          <input
            {...p}
            name="guardianEmail"
            type="email"
            required
            maxLength={320}
            value={value.email}
            onChange={(e) => onChange({ ...value, email: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
