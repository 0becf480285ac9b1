import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { StaffStatus } from '../../../shared/enums.ts';
import { roleCodes, type RoleCode } from '../../../shared/permissions.ts';
import type { StaffMember } from '../../../shared/schemas.ts';
import { useDepartments, useRoles, useStaffList, useStaffMutations } from '../../api/hooks.ts';
import { LoadError, errorText } from '../../components/errors.tsx';
import { formatDate } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { testId } from '../../components/testId.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { departmentLabel } from './labels.ts';
import { StaffFormModal } from './StaffFormModal.tsx';

const statusColors: Record<StaffStatus, string> = { active: 'green', probation: 'blue', suspended: 'orange', left: 'default' };

function isRoleCode(value: string | null): value is RoleCode {
  return !!value && (roleCodes as readonly string[]).includes(value);
}

export default function StaffPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { projectId, project, can } = useStaff();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const roleParam = params.get('role');
  const role: RoleCode | '' = isRoleCode(roleParam) ? roleParam : '';
  const [text, setText] = useState(q);
  const [form, setForm] = useState<{ open: boolean; editing?: StaffMember }>({ open: false });
  const [otp, setOtp] = useState<{ name: string; username: string; password: string } | null>(null);
  const staff = useStaffList(projectId, q, role);
  const roles = useRoles();
  const departments = useDepartments(projectId);
  const { resetPassword } = useStaffMutations();
  const writable = can('staff.write');

  useEffect(() => setText(q), [q]);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const deptById = useMemo(() => new Map((departments.data ?? []).map((d) => [d.id, d])), [departments.data]);
  const rows = staff.data?.pages.flatMap((p) => p.items) ?? [];

  const reset = (s: StaffMember) =>
    resetPassword.mutate(s.id, {
      onSuccess: (r) => setOtp({ name: s.name, username: s.username, password: r.oneTimePassword }),
      onError: (err) => void message.error(errorText(t, err)),
    });

  const columns: TableColumnsType<StaffMember> = [
    { title: t('staff.employeeNo'), dataIndex: 'employeeNo', width: 110, fixed: isMobile ? undefined : 'left' },
    {
      title: t('staff.name'),
      dataIndex: 'name',
      width: 120,
      render: (name: string, s) => (
        <div>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            @{s.username}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('staff.department'),
      dataIndex: 'departmentId',
      width: 140,
      render: (id: number | null, s) => {
        const d = id ? deptById.get(id) : undefined;
        return d ? departmentLabel(d, t, locale) : (s.departmentName ?? '—');
      },
    },
    { title: t('staff.position'), dataIndex: 'position', width: 130, render: (p: string | null) => p ?? '—' },
    {
      title: t('staff.roles'),
      dataIndex: 'roles',
      render: (codes: RoleCode[]) => (
        <Flex wrap gap={4}>
          {codes.map((c) => (
            <Tag key={c} color="blue" style={{ marginInlineEnd: 0 }}>
              {t(`role.${c}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('staff.phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
    { title: t('staff.hireDate'), dataIndex: 'hireDate', width: 110, render: formatDate },
    {
      title: t('staff.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: StaffStatus) => <Tag color={statusColors[s]}>{t(`staffStatus.${s}`)}</Tag>,
    },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: isMobile ? undefined : 'right',
      render: (_, s) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setForm({ open: true, editing: s })} data-testid={`staff-edit-${s.username}`}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('staff.resetPassword')}
            description={t('staff.resetConfirm', { name: s.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => reset(s)}
          >
            <Button type="link" size="small" icon={<KeyOutlined />} data-testid={`staff-reset-${s.username}`}>
              {t('staff.resetPassword')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('staff.title')}
        subtitle={project?.name}
        extra={
          <>
            <Input.Search
              value={text}
              onChange={(e) => setText(e.target.value)}
              onSearch={(v) => setParam('q', v.trim())}
              allowClear
              placeholder={t('staff.search')}
              style={{ width: isMobile ? '100%' : 260 }}
              data-testid="staff-search"
            />
            <Select<RoleCode | ''>
              value={role}
              onChange={(v) => setParam('role', v)}
              style={{ width: isMobile ? '100%' : 170 }}
              options={[
                { value: '', label: t('staff.allRoles') },
                ...(roles.data ?? []).map((r) => ({ value: r.code, label: t(`role.${r.code}`) })),
              ]}
              data-testid="staff-role-filter"
            />
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true })} data-testid="staff-create">
                {t('staff.create')}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        {staff.isError ? (
          <LoadError error={staff.error} onRetry={() => void staff.refetch()} />
        ) : (
          <>
            <Table<StaffMember>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={staff.isPending || (staff.isFetching && !staff.isFetchingNextPage)}
              pagination={false}
              size="middle"
              scroll={{ x: 1100 }}
              locale={{ emptyText: <Empty description={t('staff.empty')} /> }}
              onRow={(s) => testId<React.HTMLAttributes<HTMLElement>>('staff-row', { 'data-username': s.username })}
            />
            <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
              <Typography.Text type="secondary">{t('common.shown', { count: rows.length })}</Typography.Text>
              {staff.hasNextPage && (
                <Button onClick={() => void staff.fetchNextPage()} loading={staff.isFetchingNextPage} data-testid="load-more">
                  {t('common.loadMore')}
                </Button>
              )}
            </Flex>
          </>
        )}
      </Card>
      {writable && (
        <StaffFormModal
          key={form.editing?.id ?? 'new'}
          editing={form.editing}
          open={form.open}
          onClose={() => setForm({ open: false })}
          onCreated={(c) => c.oneTimePassword && setOtp({ name: c.staff.name, username: c.staff.username, password: c.oneTimePassword })}
        />
      )}
      <Modal
        open={!!otp}
        title={t('staff.otpTitle')}
        onOk={() => setOtp(null)}
        onCancel={() => setOtp(null)}
        okText={t('common.close')}
        cancelButtonProps={{ style: { display: 'none' } }}
        okButtonProps={testId<ButtonProps>('otp-close')}
        mask={{ closable: false }}
        data-testid="otp-modal"
      >
        {otp && (
          <>
            <Alert type="warning" showIcon title={t('staff.otpNote', { name: otp.name })} style={{ marginBottom: 16 }} />
            <Flex vertical gap={4} align="center" style={{ padding: '12px 0' }}>
              <Typography.Text type="secondary">
                {t('staff.username')}：{otp.username}
              </Typography.Text>
              <Typography.Text
                copyable={{ text: otp.password }}
                style={{ fontSize: 26, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', letterSpacing: 2 }}
                data-testid="one-time-password"
              >
                {otp.password}
              </Typography.Text>
            </Flex>
          </>
        )}
      </Modal>
    </>
  );
}
