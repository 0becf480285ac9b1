import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { contactKinds, customerKinds, genders, idTypes } from '../../../shared/enums.ts';
import { contactInput, customerCreate, emergencyContactInput } from '../../../shared/schemas.ts';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { useI18n } from '../../i18n/index.tsx';

const input = customerCreate.shape;

/** Name, kind, gender, numbers and notes: the part shared by "new customer" and "edit". */
export function CustomerBasicFields({ keepBlankNumbers, kindLocked = false }: { keepBlankNumbers: boolean; kindLocked?: boolean }) {
  const { t } = useI18n();
  const kind = Form.useWatch('kind');
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item name="kind" label={t('customer.kind')}>
          <Select
            disabled={kindLocked}
            options={customerKinds.map((k) => ({ value: k, label: t(`customerKind.${k}`) }))}
            data-testid="customer-kind"
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="name" label={t('customer.name')} rules={rulesFrom(input.name, { required: t('common.required') })}>
          <Input data-testid="customer-name" />
        </Form.Item>
      </Col>
      {kind !== 'organisation' && (
        <Col xs={24} sm={12}>
          <Form.Item name="gender" label={t('customer.gender')}>
            <Select allowClear options={genders.map((g) => ({ value: g, label: t(`gender.${g}`) }))} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} sm={12}>
        <Form.Item
          name="phone"
          label={t('customer.phone')}
          rules={rulesFrom(input.phone, { pattern: t('common.invalidPhone') })}
          extra={keepBlankNumbers ? t('customer.keepBlank') : undefined}
        >
          <Input inputMode="tel" data-testid="customer-phone-input" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name="idType" label={t('customer.idType')}>
          <Select allowClear options={idTypes.map((k) => ({ value: k, label: t(`idType.${k}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="idNumber"
          label={t('customer.idNumber')}
          rules={rulesFrom(input.idNumber)}
          extra={keepBlankNumbers ? t('customer.keepBlank') : undefined}
        >
          <Input data-testid="customer-id-input" />
        </Form.Item>
      </Col>
      {kind === 'organisation' && (
        <>
          <Col xs={24} sm={12}>
            <Form.Item name="orgLegalRep" label={t('customer.legalRep')} rules={rulesFrom(input.orgLegalRep)}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="orgContactPerson" label={t('customer.contactPerson')} rules={rulesFrom(input.orgContactPerson)}>
              <Input />
            </Form.Item>
          </Col>
        </>
      )}
      <Col span={24}>
        <Form.Item name="notes" label={t('customer.notes')} rules={rulesFrom(input.notes)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Other contacts and emergency contacts as editable lists. */
export function CustomerContactFields() {
  const { t } = useI18n();
  const required = t('common.required');
  return (
    <>
      <Form.Item label={t('customer.contacts')} style={{ marginBottom: 8 }}>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space.Compact key={field.key} block style={{ marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'kind']} noStyle>
                    <Select style={{ width: 120 }} options={contactKinds.map((k) => ({ value: k, label: t(`contactKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} noStyle rules={rulesFrom(contactInput.shape.value, { required })}>
                    <Input placeholder={t('customer.contactValue')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']} noStyle rules={rulesFrom(contactInput.shape.label)}>
                    <Input placeholder={t('customer.contactLabel')} style={{ width: '30%' }} />
                  </Form.Item>
                  <Button icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space.Compact>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'mobile', value: '' })}
                disabled={fields.length >= (maxLengthOf(input.contacts) ?? Infinity)}
              >
                {t('customer.addContact')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={t('customer.emergency')} style={{ marginBottom: 8 }}>
        <Form.List name="emergencyContacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space.Compact key={field.key} block style={{ marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'name']} noStyle rules={rulesFrom(emergencyContactInput.shape.name, { required })}>
                    <Input placeholder={t('customer.emergencyName')} style={{ width: '30%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'relation']} noStyle rules={rulesFrom(emergencyContactInput.shape.relation)}>
                    <Input placeholder={t('customer.emergencyRelation')} style={{ width: '25%' }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'phone']}
                    noStyle
                    rules={rulesFrom(emergencyContactInput.shape.phone, { required, pattern: t('common.invalidPhone') })}
                  >
                    <Input placeholder={t('customer.emergencyPhone')} inputMode="tel" />
                  </Form.Item>
                  <Button icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space.Compact>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', phone: '' })}
                disabled={fields.length >= (maxLengthOf(input.emergencyContacts) ?? Infinity)}
              >
                {t('customer.addEmergency')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
