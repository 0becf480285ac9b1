import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { buildingKinds, type BuildingKind } from '../../../shared/enums.ts';
import { buildingCreate } from '../../../shared/schemas.ts';
import { useCreateBuilding } from '../../api/hooks.ts';
import { ErrorAlert, applyFieldErrors, validForm } from '../../components/errors.tsx';
import { rangeOf, rulesFrom } from '../../components/formRules.ts';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  code: string;
  name: string;
  kind: BuildingKind;
  floors: number;
  entrances?: string[];
}

const FIELDS = ['code', 'name', 'kind', 'floors', 'entrances'] as const;
const input = buildingCreate.shape;

export function BuildingCreateModal({
  projectId,
  open,
  onClose,
  onCreated,
}: {
  projectId: number;
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateBuilding();
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const values = await validForm(form);
    if (!values) return;
    setError(null);
    try {
      const building = await create.mutateAsync({
        projectId,
        ...values,
        entrances: values.entrances?.length ? values.entrances : undefined,
      });
      message.success(t('building.created'));
      form.resetFields();
      onCreated(building.id);
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, FIELDS);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('property.addBuilding')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'highrise', floors: 18 }} data-testid="building-form">
        <Form.Item name="code" label={t('building.code')} rules={rulesFrom(input.code, { required: t('common.required') })}>
          <Input placeholder="3" data-testid="building-code" />
        </Form.Item>
        <Form.Item name="name" label={t('building.name')} rules={rulesFrom(input.name, { required: t('common.required') })}>
          <Input placeholder="3栋" data-testid="building-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('building.kind')} rules={rulesFrom(input.kind)}>
          <Select options={buildingKinds.map((k) => ({ value: k, label: t(`buildingKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="floors" label={t('building.floors')} rules={rulesFrom(input.floors, { required: t('common.required') })}>
          <InputNumber {...rangeOf(input.floors)} precision={0} style={{ width: '100%' }} data-testid="building-floors" />
        </Form.Item>
        <Form.Item name="entrances" label={t('building.entrances')} extra={t('building.entrancesHint')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ', '、']} suffixIcon={null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
