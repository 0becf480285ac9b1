import { App, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useOccupancyMutations } from '../api/hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorAlert, validForm } from './errors.tsx';

export interface MoveOutTarget {
  occupancyId: number;
  /** "张三 · 1-0301", shown as the modal's subject. */
  label: string;
  moveInDate: string | null;
}

/** Records a move-out date on one occupancy (PATCH /api/occupancies/{id}). */
export function MoveOutModal({
  target,
  customer,
  onClose,
}: {
  target: MoveOutTarget | null;
  customer?: { id: number; projectId: number };
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ moveOutDate: Dayjs }>();
  const { update } = useOccupancyMutations(customer);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (!target) return;
    const values = await validForm(form);
    if (!values) return;
    setError(null);
    try {
      await update.mutateAsync({ id: target.occupancyId, moveOutDate: values.moveOutDate.format('YYYY-MM-DD') });
      message.success(t('customer.moveOutSaved'));
      onClose();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Modal
      open={!!target}
      title={`${t('customer.moveOut')} · ${target?.label ?? ''}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ moveOutDate: dayjs() }}>
        <Form.Item name="moveOutDate" label={t('customer.moveOutDate')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => !!target?.moveInDate && d.isBefore(dayjs(target.moveInDate), 'day')}
            data-testid="move-out-date"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
