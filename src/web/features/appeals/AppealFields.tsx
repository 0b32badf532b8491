// The fields an appeal has on the public form and on the staff's registration form: topic, whether
// it is about volunteering, the applicant's gender, region (or a country abroad), the text (at most
// 5,000 characters, counted as typed) and the applicant's name and contact, which only staff read.
import { useId } from 'react';
import { MAX_APPEAL_TEXT } from '../../../domain/appeal-rules.ts';
import { Field } from '../../components/ui.tsx';
import { formatNumber } from '../../lib/format.ts';
import { localName, useT } from '../../lib/i18n.ts';
import { useCodeLists, useTerritories } from '../../lib/reference.ts';

export interface AppealDraft {
  topic: string;
  related: boolean;
  gender: string;
  /** A region code, or ABROAD (then `country`). */
  region: string;
  country: string;
  text: string;
  name: string;
  email: string;
  phone: string;
}

export const ABROAD = 'abroad';

export const emptyDraft = (): AppealDraft => ({
  topic: '',
  related: true,
  gender: '',
  region: '',
  country: '',
  text: '',
  name: '',
  email: '',
  phone: '',
});

/** The body's fields of the API (appeals.schemas.ts) from the form's. */
export function draftBody(d: AppealDraft) {
  const abroad = d.region === ABROAD;
  return {
    topic: d.topic,
    related: d.related,
    gender: d.gender || null,
    region: abroad || !d.region ? null : d.region,
    country: abroad ? d.country.trim().toUpperCase() || null : null,
    text: d.text,
    name: d.name.trim() || null,
    email: d.email.trim() || null,
    phone: d.phone.trim() || null,
  };
}

export function AppealFields({
  draft,
  onChange,
  /** The regions offered (a front office registers its own only); all current ones by default. */
  regions: only,
  abroad = true,
  staff = false,
}: {
  draft: AppealDraft;
  onChange(d: AppealDraft): void;
  regions?: string[];
  abroad?: boolean;
  /** Staff type the appeal in for the applicant: the labels speak of the applicant, not to him. */
  staff?: boolean;
}) {
  const { t, lang } = useT();
  const lists = useCodeLists();
  const territories = useTerritories();
  const relatedName = useId();
  const set = (k: keyof AppealDraft) => (e: { target: { value: string } }) =>
    onChange({ ...draft, [k]: e.target.value });
  const topics = (lists?.appeal_topic ?? []).filter((x) => x.active);
  const genders = (lists?.gender ?? []).filter((x) => x.active);
  const regions = (territories ?? []).filter(
    (u) => u.validTo === null && (only === undefined || only.includes(u.code)),
  );
  return (
    <>
      <Field label={t('appeals.topic')}>
        {(p) => (
          <select {...p} name="topic" required value={draft.topic} onChange={set('topic')}>
            <option value="">{t('appeals.chooseTopic')}</option>
            {topics.map((x) => (
              <option key={x.code} value={x.code}>
                {localName(x, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="field">
        <legend>{t('appeals.related')}</legend>
        <label className="check">
          <input
            type="radio"
            name={relatedName}
            checked={draft.related}
            onChange={() => onChange({ ...draft, related: true })}
          />{' '}
          {t('appeals.relatedYes')}
        </label>
        <label className="check">
          <input
            type="radio"
            name={relatedName}
            checked={!draft.related}
            onChange={() => onChange({ ...draft, related: false })}
          />{' '}
          {t('appeals.relatedNo')}
        </label>
      </fieldset>
      <Field label={t('appeals.gender')}>
        {(p) => (
          <select {...p} name="gender" value={draft.gender} onChange={set('gender')}>
            <option value="">{t('appeals.genderNotSaid')}</option>
            {genders.map((x) => (
              <option key={x.code} value={x.code}>
                {localName(x, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('appeals.region')}>
        {(p) => (
          <select {...p} name="region" value={draft.region} onChange={set('region')}>
            <option value="">{t('appeals.regionNotSaid')}</option>
            {regions.map((u) => (
              <option key={u.code} value={u.code}>
                {localName(u, lang)}
              </option>
            ))}
            {abroad ? (
              <option value={ABROAD}>{staff ? t('appeals.abroadStaff') : t('appeals.abroad')}</option>
            ) : null}
          </select>
        )}
      </Field>
      {draft.region === ABROAD ? (
        <Field label={t('appeals.country')} hint={t('appeals.countryHint')}>
          {(p) => (
            <input
              {...p}
              name="country"
              maxLength={2}
              size={3}
              autoComplete="country"
              value={draft.country}
              onChange={set('country')}
            />
          )}
        </Field>
      ) : null}
      <Field
        label={staff ? t('appeals.staffText') : t('appeals.text')}
        hint={t('appeals.textHint', {
          length: formatNumber(draft.text.length, lang),
          max: formatNumber(MAX_APPEAL_TEXT, lang),
        })}
      >
        {(p) => (
          <textarea
            {...p}
            name="text"
            required
            rows={6}
            maxLength={MAX_APPEAL_TEXT}
            value={draft.text}
            onChange={set('text')}
          />
        )}
      </Field>
      <Field label={t('appeals.name')}>
        {(p) => (
          <input
            {...p}
            name="name"
            autoComplete="name"
            maxLength={200}
            value={draft.name}
            onChange={set('name')}
          />
        )}
      </Field>
      <Field label={t('appeals.email')} hint={staff ? t('appeals.staffEmailHint') : t('appeals.emailHint')}>
        {(p) => (
          <input
            {...p}
            name="email"
            type="email"
            autoComplete="email"
            maxLength={200}
            value={draft.email}
            onChange={set('email')}
          />
        )}
      </Field>
      <Field label={t('appeals.phone')}>
        {(p) => (
          <input
            {...p}
            name="phone"
            type="tel"
            autoComplete="tel"
            maxLength={50}
            value={draft.phone}
            onChange={set('phone')}
          />
        )}
      </Field>
    </>
  );
}
