// Asks before a step of the monthly cycle (submit, accept, return, reopen) and says what will
// happen. A modal <dialog>: focus moves into it, Escape cancels, the page underneath is inert. The
// optional children (the reason of a reopening) sit in the dialog's form, so Enter confirms.
import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../lib/i18n.ts';

export function ConfirmDialog({
  title,
  text,
  confirm,
  danger,
  busy,
  children,
  onConfirm,
  onCancel,
}: {
  title: string;
  /** What will happen, in a sentence or two. */
  text: string;
  /** The confirming button's label: the step itself ("Accept"), never a bare "OK". */
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  children?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm();
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-text`}>{text}</p>
        {children}
        <div className="actions">
          <button type="submit" className={danger ? 'btn btn-danger' : 'btn'} disabled={busy}>
            {confirm}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
