import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { locales, useI18n } from '../i18n/index.tsx';

/** Globe button with the three languages; used in the staff header, the portal and the login page. */
export function LanguageSwitcher({ compact = false, dark = false }: { compact?: boolean; dark?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: locales.map((l) => ({ key: l, label: <span data-testid={`lang-${l}`}>{t(`lang.${l}`)}</span> })),
        onClick: ({ key }) => setLocale(key as (typeof locales)[number]),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="language-switcher"
        aria-label={t('header.language')}
        style={dark ? { color: 'rgba(255,255,255,0.85)' } : undefined}
      >
        {compact ? null : t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  );
}
