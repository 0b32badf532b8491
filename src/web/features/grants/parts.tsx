// Pieces the grant and competition pages share: a form's sending state, the data-provision badge,
// region lists named in the reader's language, and the links between the pages.
import { type FormEvent, useState } from 'react';
import type { DataProvision } from '../../../db/schema.ts';
import { useT } from '../../lib/i18n.ts';
import { territoryName, useTerritories } from '../../lib/reference.ts';
import { Link } from '../../lib/router.tsx';

/** A form's submit: busy while sending, the error kept for the ErrorBox, `done` after success. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = (work: () => Promise<unknown>, done?: () => void) => async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await work();
      done?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

export function ProvisionBadge({ status }: { status: DataProvision | null }) {
  const { t } = useT();
  const cls = status === 'provided' ? 'badge-accepted' : status === null ? 'badge-draft' : 'badge-returned';
  return (
    <span className={`badge ${cls}`} data-testid="provision">
      {t(`grants.provision.${status ?? 'pending'}`)}
    </span>
  );
}

export function RegionNames({ codes }: { codes: string[] }) {
  const { lang } = useT();
  const territories = useTerritories();
  return <>{codes.map((c) => territoryName(territories, c, lang)).join(', ')}</>;
}

export function GrantLinks() {
  const { t } = useT();
  return (
    <p className="links">
      <Link to="/grants">{t('grants.nav')}</Link>
      <Link to="/competition">{t('competition.nav')}</Link>
      <Link to="/register">{t('register.nav')}</Link>
    </p>
  );
}

/** A number typed in a field: null when blank (not reported), never 0. */
export const numberOrNull = (s: string): number | null => {
  const v = s.trim().replace(/\s/g, '').replace(',', '.');
  return v === '' || !Number.isFinite(Number(v)) ? null : Number(v);
};
