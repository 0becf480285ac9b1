import { useI18n } from '../i18n/index.tsx';

/** The product mark: 管 in a rounded square, with the product name beside it. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <span
      aria-hidden
      style={{
        width: size,
        height: size,
        borderRadius: size * 0.28,
        background: 'linear-gradient(135deg, #3b82f6 0%, #1d4ed8 100%)',
        color: '#fff',
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        fontWeight: 700,
        fontSize: size * 0.56,
        flex: 'none',
        boxShadow: '0 2px 6px rgba(29, 78, 216, 0.35)',
      }}
    >
      管
    </span>
  );
}

export function Brand({ dark = false, showName = true, size = 32 }: { dark?: boolean; showName?: boolean; size?: number }) {
  const { t } = useI18n();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
      <BrandMark size={size} />
      {showName && (
        <span
          style={{
            fontSize: size * 0.56,
            fontWeight: 600,
            color: dark ? '#fff' : '#1f1f1f',
            whiteSpace: 'nowrap',
            letterSpacing: 1,
          }}
        >
          {t('app.fullName')}
        </span>
      )}
    </span>
  );
}
