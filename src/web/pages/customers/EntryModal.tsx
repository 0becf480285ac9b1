import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { archiveEntryCreate, sectionKinds, type ArchiveEntry, type EntryKind, type EntrySection } from '../../../shared/archive.ts';
import { useArchiveMutations } from '../../api/archive.ts';
import { ErrorAlert, applyFieldErrors, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rangeOf, rulesFrom } from '../../components/formRules.ts';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';

const input = archiveEntryCreate.shape;

interface Values {
  kind?: EntryKind;
  title: string;
  date: Dayjs;
  amount?: number | null;
  body?: string;
}

/** Adds an entry to one section of a customer's archive (a payment, a letter, a violation …), or corrects one. */
export function EntryModal({
  customerId,
  section,
  entry,
  onClose,
}: {
  customerId: number;
  section: EntrySection | null;
  /** The entry to correct; absent to add a new one. */
  entry?: ArchiveEntry | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { createEntry, updateEntry } = useArchiveMutations(customerId);
  const [error, setError] = useState<unknown>(null);
  const kinds = section ? sectionKinds[section] : undefined;
  const money = section === 'payments' || section === 'violations';

  const submit = async () => {
    const v = await validForm(form);
    if (!v || !section) return;
    setError(null);
    try {
      const values = {
        kind: v.kind ?? null,
        title: v.title.trim(),
        date: v.date.format('YYYY-MM-DD'),
        amount: v.amount ?? null,
        body: v.body?.trim() || null,
      };
      if (entry) await updateEntry.mutateAsync({ id: entry.id, ...values });
      else await createEntry.mutateAsync({ section, ...values });
      message.success(t('common.saved'));
      form.resetFields();
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, ['kind', 'title', 'date', 'amount', 'body']);
      setError(err);
    }
  };

  return (
    <Modal
      open={!!section}
      title={section ? `${t(entry ? 'archive.editEntry' : 'archive.addEntry')} · ${t(`archive.section.${section}`)}` : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={createEntry.isPending || updateEntry.isPending}
      okButtonProps={testId<ButtonProps>('entry-save')}
      destroyOnHidden
    >
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          entry
            ? {
                kind: entry.kind ?? undefined,
                title: entry.title,
                date: dayjs(entry.date),
                amount: entry.amount,
                body: entry.body ?? undefined,
              }
            : { date: dayjs(), kind: kinds?.[0] }
        }
        preserve={false}
      >
        {kinds && (
          <Form.Item name="kind" label={t('archive.kind')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={kinds.map((k) => ({ value: k, label: t(`archive.kind.${k}`) }))} data-testid="entry-kind" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('archive.entryTitle')} rules={rulesFrom(input.title, { required: t('common.required') })}>
          <Input maxLength={maxLengthOf(input.title)} data-testid="entry-title" />
        </Form.Item>
        <Form.Item name="date" label={t('archive.date')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="entry-date" />
        </Form.Item>
        {money && (
          <Form.Item name="amount" label={t('archive.amount')} rules={rulesFrom(input.amount)}>
            <InputNumber {...rangeOf(input.amount)} style={{ width: '100%' }} precision={2} data-testid="entry-amount" />
          </Form.Item>
        )}
        <Form.Item name="body" label={t('archive.body')} rules={rulesFrom(input.body)}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={maxLengthOf(input.body)} data-testid="entry-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
