// A new password typed twice, with the rule as a hint: shared by the set-password page (a link of an
// invitation or reset) and the change-password section of the account page.
import { Field } from '../../components/ui.tsx';
import { useT } from '../../lib/i18n.ts';

export interface NewPassword {
  next: string;
  repeat: string;
}

/** The problem with the two fields as typed, if any (the server checks the rule itself too). */
export function newPasswordProblem(t: ReturnType<typeof useT>['t'], p: NewPassword): string | null {
  return p.next !== p.repeat ? t('account.mismatch') : null;
}

export function PasswordFields({
  value,
  onChange,
  error,
}: {
  value: NewPassword;
  onChange(next: NewPassword): void;
  /** Shown under the repeated field (the two differ). */
  error?: string | null;
}) {
  const { t } = useT();
  return (
    <>
      <Field label={t('account.next')} hint={t('account.nextHint')}>
        {(p) => (
          <input
            {...p}
            name="new-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            maxLength={200}
            value={value.next}
            onChange={(e) => onChange({ ...value, next: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('account.repeat')} error={error}>
        {(p) => (
          <input
            {...p}
            name="repeat-password"
            type="password"
            autoComplete="new-password"
            required
            value={value.repeat}
            onChange={(e) => onChange({ ...value, repeat: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
