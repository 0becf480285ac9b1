import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { contactKinds, customerKinds, genders, idTypes } from '../../../shared/enums.ts';
import { useI18n } from '../../i18n/index.tsx';

/** Mirrors the server's phoneNumber rule so the desk sees the mistake before submitting. */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,5})?|\+\d{6,15})$/;

/** Name, kind, gender, numbers and notes: the part shared by "new customer" and "edit". */
export function CustomerBasicFields({ keepBlankNumbers, kindLocked = false }: { keepBlankNumbers: boolean; kindLocked?: boolean }) {
  const { t } = useI18n();
  const kind = Form.useWatch('kind');
  const required = { required: true, whitespace: true, message: t('common.required') };
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
        <Form.Item name="name" label={t('customer.name')} rules={[required, { max: 100 }]}>
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
          rules={[{ pattern: PHONE_PATTERN, message: t('common.invalidPhone') }]}
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
          rules={[{ min: 4, max: 40 }]}
          extra={keepBlankNumbers ? t('customer.keepBlank') : undefined}
        >
          <Input data-testid="customer-id-input" />
        </Form.Item>
      </Col>
      {kind === 'organisation' && (
        <>
          <Col xs={24} sm={12}>
            <Form.Item name="orgLegalRep" label={t('customer.legalRep')} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="orgContactPerson" label={t('customer.contactPerson')} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
        </>
      )}
      <Col span={24}>
        <Form.Item name="notes" label={t('customer.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Other contacts and emergency contacts as editable lists. */
export function CustomerContactFields() {
  const { t } = useI18n();
  const required = { required: true, whitespace: true, message: t('common.required') };
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
                  <Form.Item name={[field.name, 'value']} noStyle rules={[required]}>
                    <Input placeholder={t('customer.contactValue')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']} noStyle>
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
                disabled={fields.length >= 20}
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
                  <Form.Item name={[field.name, 'name']} noStyle rules={[required]}>
                    <Input placeholder={t('customer.emergencyName')} style={{ width: '30%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'relation']} noStyle>
                    <Input placeholder={t('customer.emergencyRelation')} style={{ width: '25%' }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'phone']}
                    noStyle
                    rules={[required, { pattern: PHONE_PATTERN, message: t('common.invalidPhone') }]}
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
                disabled={fields.length >= 5}
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
