import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Radio, Switch, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { feeItemCreate } from '../../../shared/tickets.ts';
import { ApiError } from '../../api/client.ts';
import { useFeeMutations, useFeeSchedule, type FeeItem } from '../../api/desk.ts';
import { applyFieldErrors, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rangeOf, rulesFrom } from '../../components/formRules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { testId } from '../../components/testId.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { yuan } from '../tickets/TicketActions.tsx';

const input = feeItemCreate.shape;

/** What the dialog does: a new item, a change to an item, or a project price for a company item. */
type Editing = { mode: 'create' } | { mode: 'edit'; item: FeeItem } | { mode: 'override'; item: FeeItem } | null;

/** 有偿服务项目及收费标准: the paid services in force for the project, with their prices. */
export default function FeeSchedulePage() {
  const { t } = useI18n();
  const { project, projectId, can } = useStaff();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const schedule = useFeeSchedule(projectId);
  const { update } = useFeeMutations();
  const [editing, setEditing] = useState<Editing>(null);
  const isAdmin = can('company.admin');
  const canChange = (item: FeeItem) => item.projectId !== null || isAdmin;

  const toggle = (item: FeeItem, active: boolean) =>
    update.mutate(
      { id: item.id, active },
      { onSuccess: () => void message.success(t('fees.saved')), onError: (err) => void message.error(errorText(t, err)) },
    );

  const columns: TableColumnsType<FeeItem> = [
    {
      title: t('fees.name'),
      dataIndex: 'name',
      render: (_, item) => (
        <div>
          <Typography.Text strong data-testid="fee-name">
            {item.name}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('fees.price'),
      dataIndex: 'price',
      width: 140,
      render: (_, item) => <span data-testid="fee-price">{t('fees.priceUnit', { price: yuan(item.price), unit: item.unit })}</span>,
    },
    {
      title: t('fees.scope'),
      dataIndex: 'projectId',
      width: 110,
      render: (_, item) =>
        item.projectId === null ? <Tag>{t('fees.scopeCompany')}</Tag> : <Tag color="blue">{t('fees.scopeProject')}</Tag>,
    },
    {
      title: t('fees.active'),
      dataIndex: 'active',
      width: 90,
      render: (_, item) => (
        <Switch
          size="small"
          checked={item.active}
          disabled={!canChange(item)}
          loading={update.isPending && update.variables?.id === item.id}
          onChange={(v) => toggle(item, v)}
          aria-label={t('fees.active')}
          data-testid="fee-active"
        />
      ),
    },
    {
      key: 'actions',
      width: 130,
      render: (_, item) =>
        canChange(item) ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', item })} data-testid="fee-edit">
            {t('fees.edit')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setEditing({ mode: 'override', item })} data-testid="fee-override">
            {t('fees.override')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('fees.title')}
        subtitle={project?.name}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="fee-add">
            {t('fees.add')}
          </Button>
        }
      />
      <Card size="small">
        <Alert type="info" showIcon title={t('fees.hint')} style={{ marginBottom: 12 }} />
        {!isAdmin && <Alert type="warning" showIcon title={t('fees.companyOnlyAdmin')} style={{ marginBottom: 12 }} />}
        {schedule.isError ? (
          <LoadError error={schedule.error} onRetry={() => void schedule.refetch()} />
        ) : (
          <Table<FeeItem>
            rowKey="id"
            size="small"
            loading={schedule.isPending}
            dataSource={schedule.data ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: isMobile ? 620 : undefined }}
            locale={{ emptyText: <Empty description={t('fees.empty')} /> }}
            rowClassName={(item) => (item.active ? '' : 'gj-row-muted')}
            onRow={(item) => ({ 'data-testid': 'fee-row', 'data-code': item.code }) as React.HTMLAttributes<HTMLElement>}
            data-testid="fee-table"
          />
        )}
      </Card>
      {editing && projectId && <FeeDialog editing={editing} projectId={projectId} isAdmin={isAdmin} onClose={() => setEditing(null)} />}
    </>
  );
}

interface FeeForm {
  scope: 'project' | 'company';
  code: string;
  name: string;
  unit: string;
  price: number;
}

function FeeDialog({
  editing,
  projectId,
  isAdmin,
  onClose,
}: {
  editing: NonNullable<Editing>;
  projectId: number;
  isAdmin: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FeeForm>();
  const { create, update } = useFeeMutations();
  const item = editing.mode === 'create' ? null : editing.item;
  const pending = create.isPending || update.isPending;
  const title = { create: t('fees.add'), edit: t('fees.editTitle'), override: t('fees.overrideTitle') }[editing.mode];

  const failed = (err: unknown) => {
    const rest = applyFieldErrors(form, err, ['code', 'name', 'unit', 'price', 'projectId']);
    if (rest.length || !(err instanceof ApiError && err.fields.length > 0)) void message.error(errorText(t, err));
  };
  const done = () => {
    void message.success(t('fees.saved'));
    onClose();
  };

  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    if (editing.mode === 'edit') {
      update.mutate(
        { id: editing.item.id, name: v.name.trim(), unit: v.unit.trim(), price: v.price },
        { onSuccess: done, onError: failed },
      );
      return;
    }
    create.mutate(
      {
        // Only an administrator sets company-wide prices; everyone else prices for the project.
        projectId: editing.mode === 'override' || !isAdmin || v.scope !== 'company' ? projectId : undefined,
        code: (editing.mode === 'override' ? editing.item.code : v.code).trim(),
        name: v.name.trim(),
        unit: v.unit.trim(),
        price: v.price,
      },
      { onSuccess: done, onError: failed },
    );
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={pending}
      okButtonProps={testId<ButtonProps>('fee-submit')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ scope: 'project', code: item?.code, name: item?.name, unit: item?.unit, price: item?.price }}
        data-testid="fee-form"
      >
        {editing.mode === 'create' && isAdmin && (
          <Form.Item name="scope" label={t('fees.scope')}>
            <Radio.Group>
              <Radio value="project">{t('fees.scopeProject')}</Radio>
              <Radio value="company">{t('fees.scopeCompany')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          name="code"
          label={t('fees.code')}
          extra={editing.mode === 'create' ? t('fees.codeHint') : undefined}
          rules={rulesFrom(input.code, { required: t('common.required'), pattern: t('fees.codeInvalid') })}
        >
          <Input
            maxLength={maxLengthOf(input.code)}
            disabled={editing.mode !== 'create'}
            autoFocus={editing.mode === 'create'}
            data-testid="fee-code"
          />
        </Form.Item>
        <Form.Item name="name" label={t('fees.name')} rules={rulesFrom(input.name, { required: t('common.required') })}>
          <Input maxLength={maxLengthOf(input.name)} data-testid="fee-name-input" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="price"
            label={t('fees.price')}
            rules={rulesFrom(input.price, { required: t('common.required') })}
            style={{ flex: '1 1 160px' }}
          >
            <InputNumber {...rangeOf(input.price)} precision={2} prefix="¥" style={{ width: '100%' }} data-testid="fee-price-input" />
          </Form.Item>
          <Form.Item
            name="unit"
            label={t('fees.unit')}
            rules={rulesFrom(input.unit, { required: t('common.required') })}
            style={{ flex: '1 1 120px' }}
          >
            <Input maxLength={maxLengthOf(input.unit)} placeholder={t('fees.unitPlaceholder')} data-testid="fee-unit" />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
