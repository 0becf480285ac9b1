import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { departmentKinds } from '../../../shared/enums.ts';
import { shiftHoursSchema, shiftTemplateSchema, type ShiftTemplate } from '../../../shared/policies.ts';
import { usePolicies, useSavePolicy } from '../../api/desk.ts';
import { dutyKeys } from '../../api/duty.ts';
import { applyFieldErrors, ErrorAlert, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { useI18n } from '../../i18n/index.tsx';

const shift = shiftTemplateSchema.shape;
const hoursInput = shiftHoursSchema.shape;

/**
 * 班次设置: the project's shift templates (day, noon, night; summer and winter hours). They are the
 * duty part of the project's policy, so every change is kept with who made it and why.
 */
export function ShiftTemplatesModal({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const described = usePolicies(projectId);
  const save = useSavePolicy();
  const [form] = Form.useForm<{ shifts: ShiftTemplate[]; note: string }>();

  useEffect(() => {
    if (described.data) form.setFieldsValue({ shifts: described.data.effective.duty.shifts });
  }, [described.data, form]);

  const submit = async () => {
    const v = await validForm(form);
    if (!v || !described.data) return;
    // Empty break times mean no break.
    const shifts = v.shifts.map((s) => ({
      ...s,
      normal: clean(s.normal),
      summer: clean(s.summer),
      atCenter: !!s.atCenter,
      handover: !!s.handover,
    }));
    const current = (described.data.projectOverride ?? {}) as Record<string, unknown>;
    const duty = { ...((current.duty as object | undefined) ?? {}), shifts };
    save.mutate(
      { projectId, override: { ...current, duty } as never, note: v.note.trim() },
      {
        onSuccess: () => {
          void message.success(t('policies.saved'));
          void qc.invalidateQueries({ queryKey: dutyKeys.all });
          onClose();
        },
        onError: (err) => void applyFieldErrors(form, err),
      },
    );
  };

  const hours = (field: number, season: 'normal' | 'summer') => (
    <Flex gap={6} wrap align="center">
      <Typography.Text type="secondary" style={{ width: 64 }}>
        {t(`duty.season.${season}`)}
      </Typography.Text>
      {(['start', 'end', 'breakStart', 'breakEnd'] as const).map((k) => (
        <Form.Item key={k} name={[field, season, k]} noStyle rules={rulesFrom(hoursInput[k], { required: 'HH:MM', pattern: 'HH:MM' })}>
          <Input placeholder={t(`duty.hours.${k}`)} style={{ width: 86 }} maxLength={5} />
        </Form.Item>
      ))}
    </Flex>
  );

  return (
    <Modal
      open
      width={760}
      title={t('duty.templates')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
    >
      <Typography.Paragraph type="secondary">{t('duty.templatesHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.List name="shifts">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  extra={
                    fields.length > 1 && (
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />
                    )
                  }
                  title={
                    <Flex gap={8} wrap>
                      <Form.Item name={[f.name, 'code']} noStyle rules={rulesFrom(shift.code)}>
                        <Input placeholder="code" style={{ width: 110 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'name']} noStyle rules={rulesFrom(shift.name)}>
                        <Input placeholder={t('duty.shift')} maxLength={maxLengthOf(shift.name)} style={{ width: 130 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'department']} noStyle rules={[{ required: true }]}>
                        <Select style={{ width: 150 }} options={departmentKinds.map((d) => ({ value: d, label: t(`department.${d}`) }))} />
                      </Form.Item>
                    </Flex>
                  }
                >
                  <Flex vertical gap={6}>
                    {hours(f.name, 'normal')}
                    {hours(f.name, 'summer')}
                    <Flex gap={16}>
                      <Form.Item name={[f.name, 'atCenter']} valuePropName="checked" noStyle>
                        <Checkbox>{t('duty.atCenter')}</Checkbox>
                      </Form.Item>
                      <Form.Item name={[f.name, 'handover']} valuePropName="checked" noStyle>
                        <Checkbox>{t('duty.handoverRequired')}</Checkbox>
                      </Form.Item>
                    </Flex>
                  </Flex>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    code: `shift${fields.length + 1}`,
                    name: '',
                    department: 'customer_service',
                    normal: { start: '08:30', end: '17:30' },
                    summer: { start: '08:30', end: '17:30' },
                    atCenter: true,
                    handover: true,
                  })
                }
              >
                {t('duty.addShift')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item
          name="note"
          label={t('policies.note')}
          rules={[{ required: true, whitespace: true, message: t('policies.noteRequired') }]}
          style={{ marginTop: 12 }}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
        </Form.Item>
      </Form>
      {save.isError && <ErrorAlert error={save.error} />}
    </Modal>
  );
}

function clean(h: ShiftTemplate['normal']): ShiftTemplate['normal'] {
  const out: ShiftTemplate['normal'] = { start: h.start, end: h.end };
  if (h.breakStart && h.breakEnd) {
    out.breakStart = h.breakStart;
    out.breakEnd = h.breakEnd;
  }
  return out;
}
