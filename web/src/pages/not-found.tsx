import { Link } from 'react-router';
import { usePageTitle } from '../components/feedback';
import { useI18n } from '../i18n/i18n';

export function NotFound() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
