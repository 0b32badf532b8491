// The pages a volunteer's e-mails link to (/platform/confirm?token=… for the volunteer's address,
// /platform/guardian-consent?token=… for a parent or guardian): one button that uses the link once,
// then says what happened in the reader's language (used already, expired, unknown: with what to do).
import { useState } from 'react';
import { ErrorBox, PageTitle } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.ts';
import { useLocation } from '../../lib/router.tsx';

export type LinkKind = 'confirm' | 'guardian';

const ENDPOINT: Record<LinkKind, string> = {
  confirm: '/api/platform/volunteers/confirm',
  guardian: '/api/platform/guardian-consent',
};

export default function LinkConfirmPage({ kind }: { kind: LinkKind }) {
  const { t } = useT();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const texts =
    kind === 'confirm'
      ? {
          title: t('volunteerLinks.confirmTitle'),
          lead: t('volunteerLinks.confirmLead'),
          button: t('volunteerLinks.confirmButton'),
          done: t('volunteerLinks.confirmDone'),
        }
      : {
          title: t('volunteerLinks.guardianTitle'),
          lead: t('volunteerLinks.guardianLead'),
          button: t('volunteerLinks.guardianButton'),
          done: t('volunteerLinks.guardianDone'),
        };

  const use = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(ENDPOINT[kind], { method: 'POST', body: { token }, anonymous: true });
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageTitle sub={texts.lead}>{texts.title}</PageTitle>
      {token === '' ? (
        <p className="alert alert-info">{t('volunteerLinks.noToken')}</p>
      ) : done ? (
        <p className="alert alert-success" role="status" data-testid="link-done">
          {texts.done}
        </p>
      ) : (
        <div className="panel">
          <ErrorBox error={error} />
          <div className="actions">
            <button type="button" className="btn" onClick={() => void use()} disabled={busy}>
              {texts.button}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
