import { App, Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { changePasswordBody } from '../../shared/schemas.ts';
import { useChangePassword } from '../api/hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorAlert, applyFieldErrors, validForm } from './errors.tsx';
import { rulesFrom } from './formRules.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; `forced` when the account still has its initial password. */
export function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const values = await validForm(form);
    if (!values) return;
    setError(null);
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('password.success'));
      form.resetFields();
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, ['currentPassword', 'newPassword']);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={forced ? t('password.mustChangeTitle') : t('password.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      confirmLoading={change.isPending}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
      data-testid="change-password-modal"
    >
      {forced && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} autoComplete="off">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={rulesFrom(changePasswordBody.shape.newPassword, { required: t('common.required'), min: t('password.min') })}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
