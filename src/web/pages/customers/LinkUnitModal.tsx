import { App, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { occupancyRelations, type OccupancyRelation } from '../../../shared/enums.ts';
import { useOccupancyMutations } from '../../api/hooks.ts';
import { ErrorAlert, applyFieldErrors, validForm } from '../../components/errors.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  unitId: number;
  relation: OccupancyRelation;
  moveInDate?: Dayjs;
}

/** POST /api/occupancies: this customer now lives in (or owns) a unit. */
export function LinkUnitModal({
  customer,
  open,
  onClose,
}: {
  customer: { id: number; projectId: number };
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { create } = useOccupancyMutations(customer);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    setError(null);
    try {
      await create.mutateAsync({
        customerId: customer.id,
        unitId: v.unitId,
        relation: v.relation,
        moveInDate: v.moveInDate ? v.moveInDate.format('YYYY-MM-DD') : undefined,
      });
      message.success(t('customer.linked'));
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, ['unitId', 'relation', 'moveInDate']);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customer.linkUnit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ relation: 'owner', moveInDate: dayjs() }} preserve={false}>
        <Form.Item name="unitId" label={t('customer.unit')} rules={[{ required: true, message: t('common.required') }]}>
          <UnitPicker projectId={customer.projectId} testId="link-unit" />
        </Form.Item>
        <Form.Item name="relation" label={t('customer.relation')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={occupancyRelations.map((r) => ({ value: r, label: t(`relation.${r}`) }))} />
        </Form.Item>
        <Form.Item name="moveInDate" label={t('customer.moveInDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
