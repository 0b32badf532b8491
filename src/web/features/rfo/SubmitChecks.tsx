// The checks before submitting, as the region's officer reads them in the submit confirmation:
// what blocks (to fix first), what is unusual (confirmed by one checkbox), and for a period with
// nothing entered the explicit "nothing to report" choice. Every finding in the interface's
// language, naming the breakdown or figure concerned. The reviewer sees the same texts for the
// warnings the region confirmed (ReviewPage).
import type { CheckItemView, Checks } from '../../../modules/submissions/submissions.schemas.ts';
import { formatNumber } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { usePeriodLabel } from './periodLabel.ts';

/** One finding in words. */
export function useCheckText(): (item: CheckItemView) => string {
  const { t, lang } = useT();
  const periodLabel = usePeriodLabel();
  return (item) => {
    const p = item.params;
    const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v, lang) : String(v ?? ''));
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(p)) values[k] = num(v);
    if (typeof p.dimension === 'string')
      values.dimension = t(`checks.dimension.${p.dimension}`, { defaultValue: p.dimension });
    if (typeof p.figure === 'string')
      values.figure = t(`checks.figure.${p.figure}`, { defaultValue: p.figure });
    if (typeof p.lastYearPeriod === 'string') values.lastYearPeriod = periodLabel(p.lastYearPeriod);
    if (typeof p.column === 'string') values.column = t(`fields.${p.column}`, { defaultValue: p.column });
    if (typeof p.problem === 'string')
      values.problem = t(`checks.problem.${p.problem}`, { defaultValue: String(p.detail ?? p.problem) });
    return t(`checks.rule.${item.rule}`, {
      ...values,
      defaultValue: item.message,
      interpolation: { escapeValue: false },
    });
  };
}

export function CheckItems({ items, testId }: { items: CheckItemView[]; testId: string }) {
  const text = useCheckText();
  return (
    <ul className="check-list" data-testid={testId}>
      {items.map((i, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the findings have no identity of their own
        <li key={n} data-rule={i.rule}>
          {text(i)}
        </li>
      ))}
    </ul>
  );
}

/**
 * The checks inside the submit confirmation's form: required checkboxes, so the form cannot be
 * confirmed without them (the browser says which one is missing).
 */
export function SubmitChecks({
  checks,
  monthly,
  confirmed,
  nothing,
  onConfirmed,
  onNothing,
}: {
  checks: Checks;
  monthly: boolean;
  confirmed: boolean;
  nothing: boolean;
  onConfirmed(v: boolean): void;
  onNothing(v: boolean): void;
}) {
  const { t } = useT();
  const warnings = checks.warnings.filter((w) => w.rule !== 'empty_month' && w.rule !== 'empty_stocks');
  return (
    <div className="submit-checks" data-testid="submit-checks">
      {/* Not a heading: the dialog's one heading is the question it asks. */}
      <p>
        <strong>{t('checks.title')}</strong>
      </p>
      {checks.blocking.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <strong>{t('checks.blocking')}</strong> {t('checks.blockingLead')}
          <CheckItems items={checks.blocking} testId="checks-blocking" />
        </div>
      ) : null}
      {checks.empty ? (
        <div className="alert alert-warning">
          <p>{t('checks.empty')}</p>
          <label className="check">
            <input
              type="checkbox"
              required
              checked={nothing}
              data-testid="nothing-to-report"
              onChange={(e) => onNothing(e.target.checked)}
            />{' '}
            {monthly ? t('checks.nothingToReport') : t('checks.nothingToReportPeriod')}
          </label>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="alert alert-warning">
          <strong>{t('checks.warnings')}</strong>
          <CheckItems items={warnings} testId="checks-warnings" />
          <label className="check">
            <input
              type="checkbox"
              required
              checked={confirmed}
              data-testid="confirm-warnings"
              onChange={(e) => onConfirmed(e.target.checked)}
            />{' '}
            {t('checks.confirmWarnings')}
          </label>
        </div>
      ) : null}
      {checks.blocking.length === 0 && !checks.empty && warnings.length === 0 ? (
        <p className="muted" data-testid="checks-none">
          {t('checks.none')}
        </p>
      ) : null}
    </div>
  );
}
