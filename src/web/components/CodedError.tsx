// The refusal of an account request in the user's language: the catalogue's text for the problem's
// code (errors.codes.<code>, with the first detail's values, e.g. {{email}}), else the shared
// ErrorBox. (Once ErrorBox itself reads errors.codes, this is ErrorBox.)
import i18next from 'i18next';
import type en from '../../i18n/en.json';
import { ApiError } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { ErrorBox } from './ui.tsx';

type Code = keyof (typeof en)['errors']['codes'];
const isCode = (code: string): code is Code => code !== '' && i18next.exists(`errors.codes.${code}`);

export function CodedError({ error }: { error: unknown }) {
  const { t } = useT();
  if (!(error instanceof ApiError) || !isCode(error.code)) return <ErrorBox error={error} />;
  const values = (error.details[0] ?? {}) as Record<string, unknown>;
  // The values of the codes' texts differ per code; they come from the server's details.
  const text = t as unknown as (key: string, values: Record<string, unknown>) => string;
  return (
    <div className="alert alert-error" role="alert">
      {text(`errors.codes.${error.code}`, values)}
    </div>
  );
}
