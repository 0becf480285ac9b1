import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { staffStatuses, type StaffStatus } from '../../../shared/enums.ts';
import type { RoleCode } from '../../../shared/permissions.ts';
import { staffCreate, type StaffMember } from '../../../shared/schemas.ts';
import { useDepartments, useRoles, useStaffMutations, type StaffCreated } from '../../api/hooks.ts';
import { ErrorAlert, applyFieldErrors, validForm } from '../../components/errors.tsx';
import { rulesFrom } from '../../components/formRules.ts';
import { useStaff } from '../../components/ProjectContext.tsx';
import { testId } from '../../components/testId.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { departmentLabel } from './labels.ts';

const input = staffCreate.shape;

interface Values {
  employeeNo: string;
  username: string;
  name: string;
  phone?: string;
  departmentId?: number | null;
  position?: string;
  hireDate?: Dayjs | null;
  probationEnd?: Dayjs | null;
  status: StaffStatus;
  roles: RoleCode[];
  projectIds: number[];
  password?: string;
}

const FIELDS = [
  'employeeNo',
  'username',
  'name',
  'phone',
  'departmentId',
  'position',
  'hireDate',
  'probationEnd',
  'status',
  'roles',
  'projectIds',
  'password',
] as const;

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** New staff member (POST /api/staff) or edit (PATCH /api/staff/{id}). */
export function StaffFormModal({
  editing,
  open,
  onClose,
  onCreated,
}: {
  /** The member being edited; undefined for a new one. */
  editing?: StaffMember;
  open: boolean;
  onClose: () => void;
  onCreated: (created: StaffCreated) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const { projectId, projects } = useStaff();
  const roles = useRoles();
  const departments = useDepartments(projectId);
  const { create, update } = useStaffMutations();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);

  const initialValues: Partial<Values> = editing
    ? {
        employeeNo: editing.employeeNo,
        username: editing.username,
        name: editing.name,
        phone: editing.phone ?? undefined,
        departmentId: editing.departmentId,
        position: editing.position ?? undefined,
        hireDate: editing.hireDate ? dayjs(editing.hireDate) : null,
        probationEnd: editing.probationEnd ? dayjs(editing.probationEnd) : null,
        status: editing.status,
        roles: editing.roles,
        projectIds: editing.projectIds,
      }
    : { status: 'probation', roles: [], projectIds: projectId ? [projectId] : [], hireDate: dayjs() };

  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    setError(null);
    const common = {
      employeeNo: v.employeeNo.trim(),
      name: v.name.trim(),
      phone: blank(v.phone),
      departmentId: v.departmentId ?? null,
      position: blank(v.position),
      hireDate: day(v.hireDate),
      probationEnd: day(v.probationEnd),
      status: v.status,
      roles: v.roles,
      projectIds: v.projectIds,
    };
    try {
      if (editing) {
        await update.mutateAsync({ id: editing.id, ...common });
        message.success(t('staff.updated'));
      } else {
        const created = await create.mutateAsync({ ...common, username: v.username.trim(), password: v.password || undefined });
        message.success(t('staff.created'));
        onCreated(created);
      }
      onClose();
    } catch (err) {
      applyFieldErrors(form, err, FIELDS);
      setError(err);
    }
  };

  const required = t('common.required');
  return (
    <Modal
      open={open}
      title={editing ? t('staff.edit') : t('staff.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={isMobile ? '100%' : 720}
      destroyOnHidden
      okButtonProps={testId<ButtonProps>('staff-save')}
    >
      {!!error && <ErrorAlert error={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false} data-testid="staff-form">
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="employeeNo" label={t('staff.employeeNo')} rules={rulesFrom(input.employeeNo, { required })}>
              <Input data-testid="staff-employee-no" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('staff.name')} rules={rulesFrom(input.name, { required })}>
              <Input data-testid="staff-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('staff.username')}
              extra={editing ? undefined : t('staff.usernameHint')}
              rules={editing ? [] : rulesFrom(input.username, { required, pattern: t('staff.usernameHint') })}
            >
              <Input disabled={!!editing} autoComplete="off" data-testid="staff-username" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('staff.phone')} rules={rulesFrom(input.phone, { pattern: t('common.invalidPhone') })}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t('staff.department')}>
              <Select
                allowClear
                loading={departments.isPending}
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: departmentLabel(d, t, locale) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="position" label={t('staff.position')} rules={rulesFrom(input.position)}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="roles" label={t('staff.roles')} rules={rulesFrom(input.roles, { required })}>
              <Select
                mode="multiple"
                loading={roles.isPending}
                options={(roles.data ?? []).map((r) => ({ value: r.code, label: t(`role.${r.code}`) }))}
                data-testid="staff-roles"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="projectIds" label={t('staff.projects')}>
              <Select mode="multiple" options={projects.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="hireDate" label={t('staff.hireDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="probationEnd" label={t('staff.probationEnd')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="status" label={t('staff.status')}>
              <Select options={staffStatuses.map((s) => ({ value: s, label: t(`staffStatus.${s}`) }))} />
            </Form.Item>
          </Col>
          {!editing && (
            <Col xs={24} sm={12}>
              <Form.Item
                name="password"
                label={t('staff.password')}
                extra={t('staff.passwordHint')}
                rules={rulesFrom(input.password, { min: t('password.min') })}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
