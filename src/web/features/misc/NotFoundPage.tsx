import { useT } from '../../lib/i18n.ts';
import { Link } from '../../lib/router.tsx';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
