import { Alert, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { revealBody, type RevealResult } from '../../../shared/schemas.ts';
import { useRevealCustomer } from '../../api/hooks.ts';
import { ErrorAlert, applyFieldErrors, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';

/** Asks why, then reveals the full numbers (POST /api/customers/{id}/reveal); the server audits it. */
export function RevealModal({
  customerId,
  open,
  onClose,
  onRevealed,
}: {
  customerId: number;
  open: boolean;
  onClose: () => void;
  onRevealed: (r: RevealResult) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealCustomer(customerId);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const values = await validForm(form);
    if (!values) return;
    const { reason } = values;
    setError(null);
    try {
      const result = await reveal.mutateAsync(reason.trim());
      form.resetFields();
      onRevealed(result);
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, ['reason']);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customer.revealTitle')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={reveal.isPending}
      okButtonProps={testId<ButtonProps>('reveal-confirm')}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('customer.revealNote')} style={{ marginBottom: 16 }} />
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('customer.revealReason')}
          rules={rulesFrom(revealBody.shape.reason, { required: t('customer.revealReasonRequired') })}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={maxLengthOf(revealBody.shape.reason)}
            showCount
            placeholder={t('customer.revealReasonPlaceholder')}
            data-testid="reveal-reason"
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
