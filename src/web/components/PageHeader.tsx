import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/index.tsx';

/** Page title row: optional back arrow, title, subtitle, actions on the right (wrapping on phones). */
export function PageHeader({
  title,
  subtitle,
  extra,
  back,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  /** Where the back arrow leads; history back when true. */
  back?: string | true;
}) {
  const navigate = useNavigate();
  const { t } = useI18n();
  return (
    <Flex align="center" justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        {back && (
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('common.back')}
            onClick={() => (back === true ? navigate(-1) : navigate(back))}
            data-testid="back-button"
          />
        )}
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
      </Flex>
      {extra && (
        <Flex gap={8} wrap align="center">
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
