import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Segmented,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { PolicySectionView } from '../../../shared/policies.ts';
import { ApiError } from '../../api/client.ts';
import {
  useCategories,
  usePolicies,
  usePolicyHistory,
  usePolicyLayout,
  useSavePolicy,
  type PolicyDescription,
  type PolicyOverride,
} from '../../api/desk.ts';
import { applyFieldErrors, ErrorAlert, LoadError, validForm } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { categoryLabel } from '../../components/ticketLabels.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n, type Locale } from '../../i18n/index.tsx';
import { ShiftTemplatesModal } from '../duty/ShiftTemplatesModal.tsx';
import {
  FieldInput,
  fieldKey,
  FieldValue,
  fromFormValue,
  getIn,
  isEditable,
  same,
  setIn,
  toFormValue,
  type Field,
  type FieldContext,
} from './policyFields.tsx';

/**
 * A section's top-level group that is the whole section (duty, archive …) needs no heading of its own:
 * the section's title says it.
 */
function soleGroup(section: PolicySectionView): string | null {
  const top = section.fields.filter((f) => f.path.length === 1);
  return top.length === 1 && top[0].kind === 'group' ? fieldKey(top[0]) : null;
}

/** How deep a field sits below its section's heading. */
function depth(section: PolicySectionView, f: Field): number {
  return f.path.length - 1 - (soleGroup(section) ? 1 : 0);
}

/** A field's label with the groups above it (处理时限 · 报修或合理投诉答复), for the history. */
function fullLabel(fields: Field[], f: Field, locale: Locale, skip: Set<string>): string {
  const chain = f.path.map((_, i) => f.path.slice(0, i + 1).join('.')).filter((k) => !skip.has(k));
  return chain.map((k) => fields.find((x) => fieldKey(x) === k)?.label[locale] ?? k).join(' · ');
}

interface Line {
  key: string;
  label: ReactNode;
  field: Field;
  effective: ReactNode;
  default: ReactNode;
  changed: boolean;
}

/** 业务规则: every module's policy, per company and project, with history — drawn from the policy's own description. */
export default function PoliciesPage() {
  const { t, locale } = useI18n();
  const { projectId, project, can } = useStaff();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [scope, setScope] = useState<'project' | 'company'>(projectId ? 'project' : 'company');
  const scopeId = scope === 'project' ? (projectId ?? null) : null;
  const layout = usePolicyLayout();
  const described = usePolicies(scopeId);
  const history = usePolicyHistory(scopeId);
  const categories = useCategories();
  const save = useSavePolicy();
  const [editing, setEditing] = useState(false);
  const [editingShifts, setEditingShifts] = useState(false);
  const [form] = Form.useForm<Record<string, unknown> & { note: string }>();
  const canEdit = can('policy.manage') && (scope === 'project' || can('company.admin'));
  const category = useCallback((code: string) => categoryLabel(categories.data, code, locale), [categories.data, locale]);

  const sections = useMemo(() => layout.data?.sections ?? [], [layout.data]);
  const fields = useMemo(() => sections.flatMap((s) => s.fields), [sections]);
  const ctx: FieldContext = useMemo(
    () => ({
      t,
      locale,
      units: layout.data?.units ?? ({} as FieldContext['units']),
      category,
      categoryCodes: (categories.data ?? []).map((c) => c.code),
    }),
    [t, locale, layout.data, category, categories.data],
  );
  const headless = useMemo(() => new Set(sections.map(soleGroup).filter((k): k is string => !!k)), [sections]);

  const startEditing = (state: PolicyDescription) => {
    const values: Record<string, unknown> = {};
    for (const f of fields.filter(isEditable)) setIn(values, f.path, toFormValue(f, getIn(state.effective, f.path)));
    form.resetFields();
    form.setFieldsValue({ ...values, note: '' });
    setEditing(true);
  };

  const submit = async () => {
    const v = await validForm(form);
    if (!v || !described.data) return;
    const { effective } = described.data;
    // The override keeps what this scope already changed and adds each value changed now.
    const current = (scope === 'project' ? described.data.projectOverride : described.data.companyOverride) ?? {};
    const override = structuredClone(current) as Record<string, unknown>;
    for (const f of fields.filter(isEditable)) {
      const next = fromFormValue(f, getIn(v, f.path));
      if (!same(next, getIn(effective, f.path))) setIn(override, f.path, next);
    }
    save.mutate(
      { projectId: scopeId, override: override as PolicyOverride, note: v.note.trim() },
      {
        onSuccess: () => {
          void message.success(t('policies.saved'));
          setEditing(false);
        },
        // The server names fields inside the override (override.deadlines.reply.amount): shown at the field.
        onError: (err) =>
          void applyFieldErrors(
            form,
            err instanceof ApiError
              ? new ApiError(
                  err.status,
                  err.code,
                  err.message,
                  err.fields.map((f) => ({ ...f, path: f.path.replace(/^override\./, '') })),
                )
              : err,
          ),
      },
    );
  };

  const shiftsButton = (f: Field) =>
    f.editor === 'shiftTemplates' && canEdit && scope === 'project' && projectId ? (
      <Button size="small" type="link" onClick={() => setEditingShifts(true)} data-testid="policy-edit-shifts">
        {t('duty.templates')}
      </Button>
    ) : null;

  const lines = (section: PolicySectionView, state: PolicyDescription): Line[] =>
    section.fields
      .filter((f) => !headless.has(fieldKey(f)))
      .map((f) => {
        const indent = { paddingInlineStart: depth(section, f) * 16 };
        if (f.kind === 'group')
          return {
            key: fieldKey(f),
            field: f,
            label: (
              <Typography.Text strong style={indent}>
                {f.label[locale]}
              </Typography.Text>
            ),
            effective: null,
            default: null,
            changed: false,
          };
        const effective = getIn(state.effective, f.path);
        const defaults = getIn(state.defaults, f.path);
        return {
          key: fieldKey(f),
          field: f,
          label: (
            <span style={indent} title={f.help?.[locale]}>
              {f.label[locale]}
            </span>
          ),
          effective: (
            <>
              <FieldValue field={f} value={effective} ctx={ctx} />
              {shiftsButton(f)}
            </>
          ),
          default: <FieldValue field={f} value={defaults} ctx={ctx} brief />,
          changed: !same(effective, defaults),
        };
      });

  const columnCount = isMobile ? 2 : 3;
  const columns: TableColumnsType<Line> = [
    {
      title: '',
      dataIndex: 'label',
      width: isMobile ? 120 : 280,
      onCell: (r) => ({ colSpan: r.field.kind === 'group' ? columnCount : 1 }),
    },
    {
      title: t('policies.effective'),
      dataIndex: 'effective',
      onCell: (r) => ({ colSpan: r.field.kind === 'group' ? 0 : 1 }),
      render: (v: ReactNode, r) => (
        <Flex gap={6} align="center" wrap data-testid={`policy-value-${r.key}`}>
          <span style={{ fontWeight: r.changed ? 600 : undefined }}>{v}</span>
          {r.changed && <Tag color="orange">{t('policies.overridden')}</Tag>}
        </Flex>
      ),
    },
    ...(isMobile
      ? []
      : [
          {
            title: t('policies.default'),
            dataIndex: 'default',
            width: 260,
            onCell: (r: Line) => ({ colSpan: r.field.kind === 'group' ? 0 : 1 }),
            render: (v: ReactNode) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
        ]),
  ];

  /** The edit form of one section: a heading per group, the fields of a run side by side. */
  const sectionForm = (section: PolicySectionView) => {
    const out: ReactNode[] = [];
    let run: Field[] = [];
    const flush = () => {
      if (!run.length) return;
      out.push(
        <Row gutter={16} key={`run-${fieldKey(run[0])}`}>
          {run.map((f) => (
            <Col xs={24} md={f.kind === 'stringList' || f.kind === 'enumList' ? 24 : 12} key={fieldKey(f)}>
              <FieldInput field={f} ctx={ctx} />
            </Col>
          ))}
        </Row>,
      );
      run = [];
    };
    for (const f of section.fields) {
      if (headless.has(fieldKey(f))) continue;
      if (f.kind === 'group') {
        flush();
        out.push(
          <Typography.Text strong key={fieldKey(f)} style={{ display: 'block', margin: '4px 0 8px' }}>
            {f.label[locale]}
            {f.help && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8, fontSize: 12 }}>
                {f.help[locale]}
              </Typography.Text>
            )}
          </Typography.Text>,
        );
      } else if (f.kind === 'custom') {
        flush();
        out.push(
          <Form.Item key={fieldKey(f)} label={f.label[locale]} extra={f.help?.[locale]} style={{ marginBottom: 12 }}>
            <FieldValue field={f} value={getIn(described.data?.effective, f.path)} ctx={ctx} />
            {shiftsButton(f)}
          </Form.Item>,
        );
      } else run.push(f);
    }
    flush();
    return out;
  };

  const error = layout.error ?? described.error;
  const ready = layout.data && described.data;

  return (
    <>
      <PageHeader
        title={t('policies.title')}
        subtitle={scope === 'project' ? project?.name : t('policies.company')}
        extra={
          <>
            <Segmented
              value={scope}
              onChange={(v) => {
                setScope(v as 'project' | 'company');
                setEditing(false);
              }}
              options={[
                ...(projectId ? [{ value: 'project', label: t('policies.projectScope') }] : []),
                { value: 'company', label: t('policies.company') },
              ]}
              data-testid="policy-scope"
            />
            {canEdit && !editing && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                disabled={!ready}
                onClick={() => startEditing(described.data!)}
                data-testid="policy-edit"
              >
                {t('policies.edit')}
              </Button>
            )}
          </>
        }
      />
      {!canEdit && <Alert type="info" showIcon title={t('policies.companyOnlyAdmin')} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {error ? (
            <Card>
              <LoadError
                error={error}
                onRetry={() => {
                  void layout.refetch();
                  void described.refetch();
                }}
              />
            </Card>
          ) : !ready ? (
            <Card>
              <Skeleton active />
            </Card>
          ) : editing ? (
            <Card data-testid="policy-form">
              <Form form={form} layout="vertical" requiredMark={false}>
                {sections.map((s, i) => (
                  <div key={s.id} data-testid={`policy-form-${s.id}`}>
                    <Divider titlePlacement="start" style={i === 0 ? { marginTop: 0 } : undefined}>
                      {s.label[locale]}
                    </Divider>
                    {sectionForm(s)}
                  </div>
                ))}
                <Divider />
                <Form.Item
                  name="note"
                  label={t('policies.note')}
                  rules={[{ required: true, whitespace: true, message: t('policies.noteRequired') }]}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="policy-note" />
                </Form.Item>
                {save.isError && <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />}
                <Flex gap={8} justify="flex-end">
                  <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
                  <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="policy-save">
                    {t('common.save')}
                  </Button>
                </Flex>
              </Form>
            </Card>
          ) : (
            <Flex vertical gap={16} data-testid="policy-view">
              {sections.map((s, i) => (
                <Card key={s.id} size="small" title={s.label[locale]} data-testid={`policy-section-${s.id}`}>
                  <Table<Line>
                    rowKey="key"
                    size="small"
                    columns={columns}
                    dataSource={lines(s, described.data!)}
                    pagination={false}
                    showHeader={i === 0}
                  />
                </Card>
              ))}
            </Flex>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={
              <span>
                <HistoryOutlined /> {t('policies.history')}
              </span>
            }
            data-testid="policy-history"
          >
            {history.isPending ? (
              <Skeleton active />
            ) : !history.data?.length ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policies.noHistory')} />
            ) : (
              <Timeline
                items={history.data.map((h) => {
                  // The settings this change holds, by their labels.
                  const changed = fields
                    .filter((f) => f.kind !== 'group' && getIn(h.override, f.path) !== undefined)
                    .map((f) => fullLabel(fields, f, locale, headless));
                  return {
                    key: h.id,
                    content: (
                      <div>
                        <Typography.Text strong>{h.note ?? '—'}</Typography.Text>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('policies.historyBy', { name: h.by ?? '—', at: formatDateTime(h.at) })}
                          </Typography.Text>
                        </div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('policies.changedKeys', {
                            keys:
                              changed.length > 4
                                ? `${changed.slice(0, 4).join('、')} ${t('policies.andMore', { count: changed.length })}`
                                : changed.join('、') || '—',
                          })}
                        </Typography.Text>
                      </div>
                    ),
                  };
                })}
              />
            )}
          </Card>
        </Col>
      </Row>
      {editingShifts && projectId && <ShiftTemplatesModal projectId={projectId} onClose={() => setEditingShifts(false)} />}
    </>
  );
}
