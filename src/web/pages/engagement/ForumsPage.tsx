import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { forumActionInput, forumCreate } from '../../../shared/engagement.ts';
import { useForum, useForumMutations, useForums, useForumSchedule, type ForumView } from '../../api/engagement.ts';
import { applyFieldErrors, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rangeOf, rulesFrom } from '../../components/formRules.ts';
import { formatDate } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** 业主座谈会: held every half year (policy), with minutes and the actions decided. */
export default function ForumsPage() {
  const { t } = useI18n();
  const { projectId, project, can } = useStaff();
  const schedule = useForumSchedule(projectId);
  const list = useForums(projectId);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const columns: TableColumnsType<ForumView> = [
    { title: t('engage.forum.heldOn'), dataIndex: 'heldOn', width: 120, render: (v: string) => formatDate(v) },
    { title: t('engage.forum.title'), dataIndex: 'title' },
    { title: t('engage.forum.attendees'), dataIndex: 'attendees', width: 100 },
    {
      title: t('engage.forum.actions'),
      key: 'actions',
      render: (_, f) => (
        <Flex gap={4}>
          {f.actionsOpen > 0 && <Tag color="orange">{t('engage.forum.open', { count: f.actionsOpen })}</Tag>}
          {f.actionsDone > 0 && <Tag color="green">{t('engage.forum.done', { count: f.actionsDone })}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'go',
      width: 90,
      render: (_, f) => (
        <Button size="small" onClick={() => setOpenId(f.id)} data-testid="forum-open">
          {t('common.details')}
        </Button>
      ),
    },
  ];
  const s = schedule.data;
  return (
    <>
      <PageHeader
        title={t('engage.forum.pageTitle')}
        subtitle={project?.name}
        extra={
          can('forum.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="forum-new">
              {t('engage.forum.new')}
            </Button>
          )
        }
      />
      {s && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={s.overdue ? 'error' : 'info'}
          data-testid="forum-schedule"
          title={
            s.overdue
              ? t('engage.forum.overdue', { date: formatDate(s.nextDueOn) })
              : t('engage.forum.nextDue', { date: formatDate(s.nextDueOn), months: s.intervalMonths })
          }
        />
      )}
      <Card size="small">
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ForumView> rowKey="id" size="small" loading={list.isPending} columns={columns} dataSource={rows} pagination={false} />
        )}
      </Card>
      {creating && projectId && <ForumModal projectId={projectId} onClose={() => setCreating(false)} />}
      <ForumDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

interface ForumForm {
  heldOn: Dayjs;
  title: string;
  venue?: string;
  attendees?: number;
  minutes: string;
  actions?: { description: string; dueDate?: Dayjs }[];
}

function ForumModal({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ForumForm>();
  const { create } = useForumMutations();
  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    create.mutate(
      {
        projectId,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        title: v.title,
        venue: v.venue || undefined,
        attendees: v.attendees ?? 0,
        minutes: v.minutes,
        actions: (v.actions ?? [])
          .filter((a) => a?.description)
          .map((a) => ({ description: a.description, dueDate: a.dueDate?.format('YYYY-MM-DD') })),
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err).length) void message.error(errorText(t, err));
        },
      },
    );
  };
  return (
    <Modal
      open
      width={680}
      title={t('engage.forum.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Flex gap={12}>
          <Form.Item name="heldOn" label={t('engage.forum.heldOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="attendees" label={t('engage.forum.attendees')} rules={rulesFrom(forumCreate.shape.attendees)}>
            <InputNumber {...rangeOf(forumCreate.shape.attendees)} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('engage.forum.title')} rules={rulesFrom(forumCreate.shape.title)}>
          <Input maxLength={maxLengthOf(forumCreate.shape.title)} />
        </Form.Item>
        <Form.Item name="venue" label={t('engage.forum.venue')} rules={rulesFrom(forumCreate.shape.venue)}>
          <Input maxLength={maxLengthOf(forumCreate.shape.venue)} />
        </Form.Item>
        <Form.Item name="minutes" label={t('engage.forum.minutes')} rules={rulesFrom(forumCreate.shape.minutes)}>
          <Input.TextArea rows={5} maxLength={maxLengthOf(forumCreate.shape.minutes)} />
        </Form.Item>
        <Typography.Text strong>{t('engage.forum.actions')}</Typography.Text>
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" style={{ marginTop: 8 }}>
                  <Form.Item name={[field.name, 'description']} style={{ flex: 1 }} rules={rulesFrom(forumActionInput.shape.description)}>
                    <Input placeholder={t('engage.forum.actionText')} maxLength={maxLengthOf(forumActionInput.shape.description)} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueDate']}>
                    <DatePicker placeholder={t('engage.forum.due')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8 }}>
                {t('engage.forum.addAction')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function ForumDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const { can } = useStaff();
  const { message } = App.useApp();
  const forum = useForum(id);
  const { action } = useForumMutations();
  const f = forum.data;
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={f?.title}>
      {forum.isError && <LoadError error={forum.error} onRetry={() => void forum.refetch()} />}
      {f && (
        <>
          <Typography.Paragraph type="secondary">
            {formatDate(f.heldOn)} · {f.venue ?? ''} · {t('engage.forum.attendeesCount', { count: f.attendees })}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('engage.forum.minutes')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.minutes}</Typography.Paragraph>
          <Typography.Title level={5}>{t('engage.forum.actions')}</Typography.Title>
          {f.actions.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
          {f.actions.map((a) => (
            <Flex key={a.id} gap={8} align="center" style={{ marginBottom: 6 }}>
              <Checkbox
                checked={a.doneAt !== null}
                disabled={!can('forum.manage') || action.isPending}
                onChange={(e) =>
                  action.mutate({ id: a.id, done: e.target.checked }, { onError: (err) => void message.error(errorText(t, err)) })
                }
              >
                {a.description}
              </Checkbox>
              {a.dueDate && <Tag color={a.overdue ? 'red' : 'default'}>{t('engage.forum.dueOn', { date: formatDate(a.dueDate) })}</Tag>}
            </Flex>
          ))}
        </>
      )}
    </Drawer>
  );
}
