import { Alert, App, Form, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import type { Customer, RevealResult } from '../../../shared/schemas.ts';
import { useUpdateCustomer, type CustomerUpdate } from '../../api/hooks.ts';
import { ErrorAlert, applyFieldErrors, validForm } from '../../components/errors.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CUSTOMER_FIELDS, blankToUndefined, type CustomerFormValues } from './CustomerCreateModal.tsx';
import { CustomerBasicFields, CustomerContactFields } from './CustomerFormFields.tsx';

/**
 * PATCH /api/customers/{id}. Masked numbers must never be sent back as if they were real ones: while
 * the numbers are masked, the phone and ID fields start blank ("leave blank to keep") and the
 * contact lists are not editable.
 */
export function CustomerEditModal({
  customer,
  revealed,
  open,
  onClose,
  onSaved,
}: {
  customer: Customer;
  revealed: RevealResult | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<CustomerFormValues>();
  const update = useUpdateCustomer(customer.id);
  const [error, setError] = useState<unknown>(null);
  const full = revealed ?? (customer.masked ? null : customer);

  const initialValues: CustomerFormValues = {
    kind: customer.kind,
    name: customer.name,
    gender: customer.gender,
    phone: full?.phone ?? undefined,
    idType: customer.idType,
    idNumber: full?.idNumber ?? undefined,
    orgLegalRep: customer.orgLegalRep ?? undefined,
    orgContactPerson: customer.orgContactPerson ?? undefined,
    notes: customer.notes ?? undefined,
    contacts: full?.contacts.map((c) => ({ kind: c.kind, value: c.value, label: c.label ?? undefined })) ?? [],
    emergencyContacts: full?.emergencyContacts.map((c) => ({ name: c.name, relation: c.relation ?? undefined, phone: c.phone })) ?? [],
  };

  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    setError(null);
    const body: CustomerUpdate = {
      name: v.name.trim(),
      gender: v.gender ?? null,
      idType: v.idType ?? null,
      orgLegalRep: blankToUndefined(v.orgLegalRep) ?? null,
      orgContactPerson: blankToUndefined(v.orgContactPerson) ?? null,
      notes: blankToUndefined(v.notes) ?? null,
    };
    const phone = blankToUndefined(v.phone);
    const idNumber = blankToUndefined(v.idNumber);
    if (full) {
      body.phone = phone ?? null;
      body.idNumber = idNumber ?? null;
      body.contacts = (v.contacts ?? []).map((c) => ({ kind: c.kind, value: c.value.trim(), label: blankToUndefined(c.label) }));
      body.emergencyContacts = (v.emergencyContacts ?? []).map((c) => ({
        name: c.name.trim(),
        relation: blankToUndefined(c.relation),
        phone: c.phone.trim(),
      }));
    } else {
      if (phone) body.phone = phone;
      if (idNumber) body.idNumber = idNumber;
    }
    try {
      await update.mutateAsync(body);
      message.success(t('customer.updated'));
      onSaved();
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, CUSTOMER_FIELDS);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customer.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={update.isPending}
      width={isMobile ? '100%' : 720}
      destroyOnHidden
      okButtonProps={testId<ButtonProps>('customer-save')}
    >
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false} data-testid="customer-edit-form">
        <CustomerBasicFields keepBlankNumbers={!full} kindLocked />
        {full ? <CustomerContactFields /> : <Alert type="info" showIcon title={t('customer.contactsLocked')} />}
      </Form>
    </Modal>
  );
}
