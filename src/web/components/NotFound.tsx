import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/index.tsx';

export function NotFound({ home = '/' }: { home?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.subtitle')}
      data-testid="not-found"
      extra={
        <Link to={home}>
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.home')}</Button>
        </Link>
      }
    />
  );
}
