// Choosing an organisation of the registry (GET /api/organizations?q=): a search field and the
// matches as radio buttons, so it works with a keyboard and a screen reader without a custom
// combobox. An organisation coordinator's account is tied to the one chosen here; an activity's
// organiser is chosen here from its region's registry (browse: the first ones listed before typing).
import { type ReactNode, useEffect, useId, useState } from 'react';
import type { Organization, OrganizationPage } from '../../../modules/organizations/organizations.schemas.ts';
import { get } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { codeName, territoryName, useCodeLists, useTerritories } from '../../lib/reference.ts';

const LIMIT = 20;

export function useOrganization(id: number | null): Organization | null {
  const [org, setOrg] = useState<Organization | null>(null);
  useEffect(() => {
    if (id === null) {
      setOrg(null);
      return;
    }
    get<Organization>(`/api/organizations/${id}`)
      .then(setOrg)
      .catch(() => setOrg(null));
  }, [id]);
  return org;
}

export function OrganizationPicker({
  value,
  onChange,
  region,
  error,
  legend,
  browse = false,
  onPick,
  children,
}: {
  value: number | null;
  onChange(id: number | null): void;
  /** The chosen organisation itself, when the caller needs more than its id. */
  onPick?(org: Organization): void;
  /** The fieldset's legend (the account's organisation by default). */
  legend?: string;
  /** List the registry's first organisations before anything is typed (a region's registry is short). */
  browse?: boolean;
  /** More controls at the end of the fieldset (e.g. "add a new one"). */
  children?: ReactNode;
  /** Only this region's organisations (the region chosen in the form), when given. */
  region?: string | null;
  error?: string | null;
}) {
  const { t, lang } = useT();
  const id = useId();
  const territories = useTerritories();
  const lists = useCodeLists();
  const selected = useOrganization(value);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<OrganizationPage | null>(null);
  const [failed, setFailed] = useState<unknown>(null);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2 && !(browse && text === '')) {
      setFound(null);
      return;
    }
    const ctl = new AbortController();
    // Typing settles before the registry is asked.
    const timer = window.setTimeout(
      () => {
        get<OrganizationPage>(
          '/api/organizations',
          { q: text || undefined, region, limit: LIMIT },
          ctl.signal,
        )
          .then((r) => {
            setFound(r);
            setFailed(null);
          })
          .catch((e) => {
            if (!ctl.signal.aborted) setFailed(e);
          });
      },
      text ? 250 : 0,
    );
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [q, region, browse]);

  const describe = (o: Organization) =>
    `${o.name} · ${codeName(lists, 'organization_type', o.type, lang)} · ${territoryName(territories, o.region, lang)}${o.bin ? ` · ${t('fields.organization_bin')} ${o.bin}` : ''}`;
  const options = found?.items ?? [];
  if (selected && !options.some((o) => o.id === selected.id)) options.unshift(selected);

  return (
    <fieldset
      className={`org-picker${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${id}-err` : undefined}
    >
      <legend>{legend ?? t('users.organization')}</legend>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('users.findOrganization')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <small id={`${id}-hint`} className="muted">
          {t('users.findOrganizationHint')}
        </small>
      </div>
      {failed ? (
        <p className="alert alert-error" role="alert">
          {t('errors.generic')}
        </p>
      ) : null}
      <p className="muted" role="status">
        {found
          ? t('users.organizationsFound', { count: found.total, shown: Math.min(found.total, LIMIT) })
          : ''}
      </p>
      {options.length ? (
        <ul className="org-options" data-testid="org-options">
          {options.map((o) => (
            <li key={o.id}>
              <label>
                <input
                  type="radio"
                  name={`${id}-org`}
                  value={o.id}
                  checked={value === o.id}
                  onChange={() => {
                    onChange(o.id);
                    onPick?.(o);
                  }}
                />{' '}
                {describe(o)}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <small id={`${id}-err`} className="field-error">
          {error}
        </small>
      ) : null}
      {children}
    </fieldset>
  );
}
