// A period as people say it: "March 2024", "2024, first half", "Year 2024".
import { useT } from '../../lib/i18n.ts';
import { periodText } from '../../lib/periodText.ts';

export function usePeriodLabel(): (period: string) => string {
  const { t } = useT();
  return (period: string) => periodText(t, period);
}
