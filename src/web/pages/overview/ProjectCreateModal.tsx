import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { projectKinds, type ProjectKind } from '../../../shared/enums.ts';
import { projectCreate } from '../../../shared/schemas.ts';
import { useCreateProject } from '../../api/hooks.ts';
import { ErrorAlert, applyFieldErrors, validForm } from '../../components/errors.tsx';
import { rulesFrom } from '../../components/formRules.ts';
import { useI18n } from '../../i18n/index.tsx';

interface Values {
  code: string;
  name: string;
  kind: ProjectKind;
  address?: string;
  phone?: string;
}

const FIELDS = ['code', 'name', 'kind', 'address', 'phone'] as const;
const input = projectCreate.shape;

/** A new managed property (管理处) for a system administrator; the first step on a fresh install. */
export function ProjectCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateProject();
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const values = await validForm(form);
    if (!values) return;
    setError(null);
    try {
      const project = await create.mutateAsync({ ...values, address: values.address || undefined, phone: values.phone || undefined });
      message.success(t('project.created'));
      form.resetFields();
      onCreated(project.id);
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, FIELDS);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('project.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'residential' }} data-testid="project-form">
        <Form.Item name="code" label={t('project.code')} rules={rulesFrom(input.code, { required: t('common.required') })}>
          <Input placeholder="CH" data-testid="project-code" />
        </Form.Item>
        <Form.Item name="name" label={t('project.name')} rules={rulesFrom(input.name, { required: t('common.required') })}>
          <Input placeholder="翠湖花园" data-testid="project-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('project.kind')}>
          <Select options={projectKinds.map((k) => ({ value: k, label: t(`projectKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="address" label={t('project.address')} rules={rulesFrom(input.address)}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('project.phone')} rules={rulesFrom(input.phone)}>
          <Input placeholder="0755-86001234" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
