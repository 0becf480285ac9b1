import { App, Col, DatePicker, Divider, Form, Modal, Row, Select } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { occupancyRelations, type ContactKind, type CustomerKind, type IdType, type OccupancyRelation } from '../../../shared/enums.ts';
import { useCreateCustomer, type CustomerCreate } from '../../api/hooks.ts';
import { ErrorAlert, applyFieldErrors, validForm } from '../../components/errors.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CustomerBasicFields, CustomerContactFields } from './CustomerFormFields.tsx';

export interface CustomerFormValues {
  kind: CustomerKind;
  name: string;
  gender?: 'male' | 'female' | null;
  phone?: string;
  idType?: IdType | null;
  idNumber?: string;
  orgLegalRep?: string;
  orgContactPerson?: string;
  notes?: string;
  contacts?: { kind: ContactKind; value: string; label?: string }[];
  emergencyContacts?: { name: string; relation?: string; phone: string }[];
  unitId?: number;
  relation?: OccupancyRelation;
  moveInDate?: Dayjs;
}

export const CUSTOMER_FIELDS = [
  'kind',
  'name',
  'gender',
  'phone',
  'idType',
  'idNumber',
  'orgLegalRep',
  'orgContactPerson',
  'notes',
  'contacts',
  'emergencyContacts',
  'unitId',
  'relation',
  'moveInDate',
] as const;

/** Blank strings mean "not given": the API wants them absent, not empty. */
export function blankToUndefined(value: string | undefined | null): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

export function CustomerCreateModal({
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
  const isMobile = useIsMobile();
  const [form] = Form.useForm<CustomerFormValues>();
  const create = useCreateCustomer();
  const [error, setError] = useState<unknown>(null);
  const unitId = Form.useWatch('unitId', form);

  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    setError(null);
    const body: CustomerCreate = {
      projectId,
      kind: v.kind,
      name: v.name.trim(),
      gender: v.gender ?? undefined,
      phone: blankToUndefined(v.phone),
      idType: v.idType ?? undefined,
      idNumber: blankToUndefined(v.idNumber),
      orgLegalRep: blankToUndefined(v.orgLegalRep),
      orgContactPerson: blankToUndefined(v.orgContactPerson),
      notes: blankToUndefined(v.notes),
      contacts: (v.contacts ?? []).map((c) => ({ kind: c.kind, value: c.value.trim(), label: blankToUndefined(c.label) })),
      emergencyContacts: (v.emergencyContacts ?? []).map((c) => ({
        name: c.name.trim(),
        relation: blankToUndefined(c.relation),
        phone: c.phone.trim(),
      })),
      unitId: v.unitId,
      relation: v.unitId ? v.relation : undefined,
      moveInDate: v.unitId && v.moveInDate ? v.moveInDate.format('YYYY-MM-DD') : undefined,
    };
    try {
      const customer = await create.mutateAsync(body);
      message.success(t('customer.created'));
      form.resetFields();
      onClose();
      onCreated(customer.id);
    } catch (err) {
      applyFieldErrors(form, err, CUSTOMER_FIELDS);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customer.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={isMobile ? '100%' : 720}
      destroyOnHidden
      okButtonProps={testId<ButtonProps>('customer-save')}
    >
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'person', contacts: [], emergencyContacts: [], moveInDate: dayjs() }}
        data-testid="customer-form"
      >
        <CustomerBasicFields keepBlankNumbers={false} />
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('customer.linkAtCreate')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="unitId" label={t('customer.unit')}>
              <UnitPicker projectId={projectId} testId="customer-unit" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item
              name="relation"
              label={t('customer.relation')}
              rules={[{ required: !!unitId, message: t('customer.relationRequired') }]}
            >
              <Select
                disabled={!unitId}
                options={occupancyRelations.map((r) => ({ value: r, label: t(`relation.${r}`) }))}
                data-testid="customer-relation"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="moveInDate" label={t('customer.moveInDate')}>
              <DatePicker disabled={!unitId} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <CustomerContactFields />
      </Form>
    </Modal>
  );
}
