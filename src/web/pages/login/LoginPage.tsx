import { CheckCircleFilled, LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../../shared/schemas.ts';
import { useLogin, useMe, usePortalLogin } from '../../api/hooks.ts';
import { Brand } from '../../components/Brand.tsx';
import { applyFieldErrors, describeError } from '../../components/errors.tsx';
import { FullPageSpin } from '../../components/guards.tsx';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { takeSessionExpired } from '../../session.ts';

type Mode = 'staff' | 'resident';

/** Only our own paths, and only those of the side the user belongs to. */
function destination(me: Me, next: string | null): string {
  const safe = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
  if (me.kind === 'resident') return safe?.startsWith('/portal') ? safe : '/portal';
  return safe && !safe.startsWith('/portal') ? safe : '/';
}

export default function LoginPage() {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const mode: Mode = params.get('mode') === 'resident' ? 'resident' : 'staff';
  const next = params.get('next');
  const [expired] = useState(takeSessionExpired);

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={destination(me.data, next)} replace />;

  const setMode = (m: string) => {
    const p = new URLSearchParams(params);
    if (m === 'resident') p.set('mode', 'resident');
    else p.delete('mode');
    setParams(p, { replace: true });
  };
  const done = (user: Me) => navigate(destination(user, next), { replace: true });

  return (
    <div className="gj-login">
      <aside className="gj-login-aside">
        <Brand dark size={40} />
        <div>
          <Typography.Title level={2} style={{ color: '#fff', marginBottom: 8, fontWeight: 600 }}>
            {t('app.tagline')}
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.7)', fontSize: 16, letterSpacing: 2 }}>{t('app.slogan')}</Typography.Text>
          <ul style={{ listStyle: 'none', padding: 0, margin: '28px 0 0', display: 'grid', gap: 14 }}>
            {(['app.feature1', 'app.feature2', 'app.feature3'] as MessageKey[]).map((k) => (
              <li key={k} style={{ display: 'flex', gap: 10, fontSize: 15, color: 'rgba(255,255,255,0.88)' }}>
                <CheckCircleFilled style={{ color: '#93c5fd', marginTop: 4 }} />
                {t(k)}
              </li>
            ))}
          </ul>
        </div>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.55)' }}>{t('app.footer')}</Typography.Text>
      </aside>
      <main className="gj-login-main">
        <div style={{ position: 'absolute', top: 12, right: 12 }}>
          <LanguageSwitcher />
        </div>
        <div style={{ width: '100%', maxWidth: 400 }}>
          <div className="gj-login-mobile-brand" style={{ textAlign: 'center', marginBottom: 24 }}>
            <Brand size={40} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('app.tagline')}
            </Typography.Paragraph>
          </div>
          <Card variant="borderless" style={{ boxShadow: '0 6px 24px rgba(15, 23, 42, 0.08)' }}>
            {expired && (
              <Alert type="warning" showIcon title={t('error.sessionExpired')} style={{ marginBottom: 16 }} data-testid="session-expired" />
            )}
            <Tabs
              activeKey={mode}
              onChange={setMode}
              centered
              items={[
                {
                  key: 'staff',
                  label: <span data-testid="login-tab-staff">{t('login.staffTab')}</span>,
                  children: <StaffLoginForm onDone={done} />,
                },
                {
                  key: 'resident',
                  label: <span data-testid="login-tab-resident">{t('login.residentTab')}</span>,
                  children: <ResidentLoginForm onDone={done} />,
                },
              ]}
            />
          </Card>
        </div>
      </main>
    </div>
  );
}

function LoginError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const d = describeError(t, error);
  return <Alert type="error" showIcon title={d.title} description={d.detail} style={{ marginBottom: 16 }} data-testid="login-error" />;
}

function StaffLoginForm({ onDone }: { onDone: (me: Me) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const login = useLogin();
  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(values) =>
        login.mutate(values, {
          onSuccess: onDone,
          onError: (err) => applyFieldErrors(form, err, ['username', 'password']),
        })
      }
      data-testid="login-form"
    >
      <LoginError error={login.error} />
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input
          prefix={<UserOutlined />}
          placeholder={t('login.usernamePlaceholder')}
          autoComplete="username"
          data-testid="login-username"
        />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder={t('login.passwordPlaceholder')}
          autoComplete="current-password"
          data-testid="login-password"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        {t('login.submit')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
        {t('login.staffHint')}
      </Typography.Paragraph>
    </Form>
  );
}

function ResidentLoginForm({ onDone }: { onDone: (me: Me) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ phone: string; password: string }>();
  const login = usePortalLogin();
  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={(values) =>
        login.mutate(
          { phone: values.phone.replace(/\s+/g, ''), password: values.password },
          { onSuccess: onDone, onError: (err) => applyFieldErrors(form, err, ['phone', 'password']) },
        )
      }
      data-testid="resident-login-form"
    >
      <LoginError error={login.error} />
      <Form.Item name="phone" label={t('login.phone')} rules={[{ required: true, whitespace: true, message: t('login.phoneRequired') }]}>
        <Input
          prefix={<MobileOutlined />}
          placeholder={t('login.phonePlaceholder')}
          inputMode="tel"
          autoComplete="tel"
          data-testid="login-phone"
        />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder={t('login.passwordPlaceholder')}
          autoComplete="current-password"
          data-testid="login-resident-password"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-resident-submit">
        {t('login.submit')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
        {t('login.residentHint')}
      </Typography.Paragraph>
    </Form>
  );
}
