import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Switch,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Segmented,
  Select,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ticketTypes } from '../../../shared/enums.ts';
import type { Duration, Policy } from '../../../shared/policies.ts';
import { useCategories, usePolicies, usePolicyHistory, useSavePolicy, type PolicyOverride } from '../../api/desk.ts';
import { applyFieldErrors, ErrorAlert, LoadError, validForm } from '../../components/errors.tsx';
import { formatDateTime } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { categoryLabel, percent } from '../../components/ticketLabels.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n, type MessageKey, type Translate } from '../../i18n/index.tsx';

const deadlineKeys = [
  'reply',
  'repair',
  'commonAreaRepair',
  'severeCommonAreaRepair',
  'complaintVerification',
  'discipline',
  'seriousDiscipline',
  'majorReply',
] as const;

const sectionLabel: Record<keyof Policy, MessageKey> = {
  calendar: 'policies.calendar',
  deadlines: 'policies.deadlines',
  warningThreshold: 'policies.warning',
  major: 'policies.major',
  collectiveComplaint: 'policies.collective',
  returnVisit: 'policies.returnVisit',
  effectiveComplaintRateTarget: 'policies.targets',
  satisfactionTarget: 'policies.targets',
  duty: 'policies.duty',
  engagement: 'policies.engagement',
  archive: 'policies.archive',
  files: 'policies.files',
};

function duration(t: Translate, d: Duration): string {
  return `${d.amount} ${t(`policies.unit.${d.unit}`)}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Line {
  key: string;
  label: string;
  effective: ReactNode;
  default: ReactNode;
  changed: boolean;
}

/** The policy as lines of a table: what applies, what the regulations say, whether it was changed. */
function lines(t: Translate, p: Policy, d: Policy, cat: (code: string) => string): { title: string; rows: Line[] }[] {
  const pct = (v: number) => percent(v);
  return [
    {
      title: t('policies.calendar'),
      rows: [
        {
          key: 'calendar',
          label: t('policies.calendar'),
          effective: t(`policies.calendar.${p.calendar}`),
          default: t(`policies.calendar.${d.calendar}`),
          changed: p.calendar !== d.calendar,
        },
      ],
    },
    {
      title: t('policies.deadlines'),
      rows: [
        ...deadlineKeys.map((k) => ({
          key: `deadline-${k}`,
          label: t(`policies.deadline.${k}` as MessageKey),
          effective: duration(t, p.deadlines[k]),
          default: duration(t, d.deadlines[k]),
          changed: !same(p.deadlines[k], d.deadlines[k]),
        })),
        {
          key: 'warning',
          label: t('policies.warning'),
          effective: pct(p.warningThreshold),
          default: pct(d.warningThreshold),
          changed: p.warningThreshold !== d.warningThreshold,
        },
      ],
    },
    {
      title: t('policies.major'),
      rows: [
        {
          key: 'phrases',
          label: t('policies.majorPhrases'),
          effective: (
            <Flex wrap gap={4}>
              {p.major.phrases.map((x) => (
                <Tag key={x} style={{ marginInlineEnd: 0 }}>
                  {x}
                </Tag>
              ))}
            </Flex>
          ),
          default: t('common.shown', { count: d.major.phrases.length }),
          changed: !same(p.major.phrases, d.major.phrases),
        },
        {
          key: 'categories',
          label: t('policies.majorCategories'),
          effective: p.major.categories.map(cat).join('、'),
          default: d.major.categories.map(cat).join('、'),
          changed: !same(p.major.categories, d.major.categories),
        },
      ],
    },
    {
      title: t('policies.collective'),
      rows: [
        {
          key: 'min',
          label: t('policies.minHouseholds'),
          effective: p.collectiveComplaint.minHouseholds,
          default: d.collectiveComplaint.minHouseholds,
          changed: p.collectiveComplaint.minHouseholds !== d.collectiveComplaint.minHouseholds,
        },
        {
          key: 'window',
          label: t('policies.windowHours'),
          effective: p.collectiveComplaint.windowHours,
          default: d.collectiveComplaint.windowHours,
          changed: p.collectiveComplaint.windowHours !== d.collectiveComplaint.windowHours,
        },
        {
          key: 'sim',
          label: t('policies.similarity'),
          effective: p.collectiveComplaint.similarity,
          default: d.collectiveComplaint.similarity,
          changed: p.collectiveComplaint.similarity !== d.collectiveComplaint.similarity,
        },
      ],
    },
    {
      title: t('policies.returnVisit'),
      rows: [
        {
          key: 'types',
          label: t('policies.returnVisitTypes'),
          effective: p.returnVisit.types.map((x) => t(`ticketType.${x}`)).join('、'),
          default: d.returnVisit.types.map((x) => t(`ticketType.${x}`)).join('、'),
          changed: !same(p.returnVisit.types, d.returnVisit.types),
        },
        {
          key: 'due',
          label: t('policies.dueDays'),
          effective: p.returnVisit.dueDays,
          default: d.returnVisit.dueDays,
          changed: p.returnVisit.dueDays !== d.returnVisit.dueDays,
        },
        {
          key: 'rate',
          label: t('policies.targetRate'),
          effective: pct(p.returnVisit.targetRate),
          default: pct(d.returnVisit.targetRate),
          changed: p.returnVisit.targetRate !== d.returnVisit.targetRate,
        },
      ],
    },
    {
      title: t('policies.targets'),
      rows: [
        {
          key: 'eff',
          label: t('policies.effectiveTarget'),
          effective: pct(p.effectiveComplaintRateTarget),
          default: pct(d.effectiveComplaintRateTarget),
          changed: p.effectiveComplaintRateTarget !== d.effectiveComplaintRateTarget,
        },
        {
          key: 'sat',
          label: t('policies.satisfactionTarget'),
          effective: pct(p.satisfactionTarget),
          default: pct(d.satisfactionTarget),
          changed: p.satisfactionTarget !== d.satisfactionTarget,
        },
      ],
    },
    {
      title: t('policies.duty'),
      rows: [
        {
          key: 'duty-summer',
          label: t('policies.dutySummer'),
          effective: `${p.duty.summer.from} – ${p.duty.summer.to}`,
          default: `${d.duty.summer.from} – ${d.duty.summer.to}`,
          changed: !same(p.duty.summer, d.duty.summer),
        },
        ...(['checkInEarlyMinutes', 'handoverGraceMinutes', 'convertWithinMinutes'] as const).map((k) => ({
          key: `duty-${k}`,
          label: t(`policies.duty.${k}`),
          effective: `${p.duty[k]} ${t('policies.minutes')}`,
          default: `${d.duty[k]} ${t('policies.minutes')}`,
          changed: p.duty[k] !== d.duty[k],
        })),
        {
          key: 'duty-shifts',
          label: t('policies.dutyShifts'),
          effective: p.duty.shifts.map((x) => `${x.name} ${x.normal.start}–${x.normal.end}`).join(';'),
          default: d.duty.shifts.map((x) => `${x.name} ${x.normal.start}–${x.normal.end}`).join(';'),
          changed: !same(p.duty.shifts, d.duty.shifts),
        },
      ],
    },
    {
      title: t('policies.engagement'),
      rows: (
        [
          ['butler', 'policies.butlerHouseholds', (x: Policy) => x.engagement.butlerHouseholdsPerMonth],
          ['photo', 'policies.butlerPhoto', (x: Policy) => (x.engagement.butlerPhotoRequired ? '✓' : '—')],
          ['desk', 'policies.frontdeskContacts', (x: Policy) => x.engagement.frontdeskContactsPerMonth],
          [
            'director',
            'policies.directorVisits',
            (x: Policy) => `${x.engagement.directorVisitsPerHousehold.min}–${x.engagement.directorVisitsPerHousehold.max}`,
          ],
          ['area', 'policies.areaVisits', (x: Policy) => x.engagement.areaVisitsPerQuarter],
          ['forum', 'policies.forumInterval', (x: Policy) => x.engagement.forumIntervalMonths],
          ['rating', 'policies.satisfiedMinRating', (x: Policy) => x.engagement.satisfiedMinRating],
        ] as const
      ).map(([key, label, get]) => ({ key, label: t(label), effective: get(p), default: get(d), changed: get(p) !== get(d) })),
    },
    {
      title: t('policies.archive'),
      rows: [
        {
          key: 'contactWays',
          label: t('policies.minContactWays'),
          effective: p.archive.minContactWays,
          default: d.archive.minContactWays,
          changed: p.archive.minContactWays !== d.archive.minContactWays,
        },
        {
          key: 'weights',
          label: t('policies.completenessWeights'),
          effective: Object.values(p.archive.completenessWeights).join(' / '),
          default: Object.values(d.archive.completenessWeights).join(' / '),
          changed: !same(p.archive.completenessWeights, d.archive.completenessWeights),
        },
        {
          key: 'fileSize',
          label: t('policies.maxFileBytes'),
          effective: `${(p.archive.maxFileBytes / 1024 / 1024).toFixed(1)} MB`,
          default: `${(d.archive.maxFileBytes / 1024 / 1024).toFixed(1)} MB`,
          changed: p.archive.maxFileBytes !== d.archive.maxFileBytes,
        },
      ],
    },
    {
      title: t('policies.files'),
      rows: (
        [
          ['photoSize', 'policies.photoMaxBytes', (x: Policy) => `${(x.files.photoMaxBytes / 1024 / 1024).toFixed(1)} MB`],
          ['perTicket', 'policies.photosPerTicket', (x: Policy) => x.files.photosPerTicket],
          ['perVisit', 'policies.photosPerVisit', (x: Policy) => x.files.photosPerVisit],
        ] as const
      ).map(([key, label, get]) => ({ key, label: t(label), effective: get(p), default: get(d), changed: get(p) !== get(d) })),
    },
  ];
}

/** Form values: rates as percentages, the rest as in the policy. */
type PolicyForm = Omit<Policy, 'warningThreshold' | 'returnVisit' | 'effectiveComplaintRateTarget' | 'satisfactionTarget'> & {
  warningThreshold: number;
  returnVisit: Omit<Policy['returnVisit'], 'targetRate'> & { targetRate: number };
  effectiveComplaintRateTarget: number;
  satisfactionTarget: number;
  note: string;
};

const toForm = (p: Policy): Omit<PolicyForm, 'note'> => ({
  ...p,
  warningThreshold: Math.round(p.warningThreshold * 100),
  returnVisit: { ...p.returnVisit, targetRate: Math.round(p.returnVisit.targetRate * 100) },
  effectiveComplaintRateTarget: Math.round(p.effectiveComplaintRateTarget * 10000) / 100,
  satisfactionTarget: Math.round(p.satisfactionTarget * 100),
});

/**
 * The policy from the form. What the form does not edit keeps its value from `base` (the effective
 * policy): the shift hours (edited on the duty page) and the archive's limits.
 */
const fromForm = (v: PolicyForm, base: Policy): Policy => ({
  calendar: v.calendar,
  deadlines: v.deadlines,
  warningThreshold: v.warningThreshold / 100,
  major: v.major,
  collectiveComplaint: v.collectiveComplaint,
  returnVisit: { ...v.returnVisit, targetRate: v.returnVisit.targetRate / 100 },
  effectiveComplaintRateTarget: v.effectiveComplaintRateTarget / 100,
  satisfactionTarget: v.satisfactionTarget / 100,
  duty: { ...base.duty, ...v.duty, summer: { ...base.duty.summer, ...v.duty?.summer }, shifts: base.duty.shifts },
  engagement: {
    ...base.engagement,
    ...v.engagement,
    directorVisitsPerHousehold: { ...base.engagement.directorVisitsPerHousehold, ...v.engagement?.directorVisitsPerHousehold },
  },
  archive: base.archive,
  files: base.files,
});

/** 业务规则: deadlines, warning threshold, calendar, major-incident rules, return visits — per company and project, with history. */
export default function PoliciesPage() {
  const { t, locale } = useI18n();
  const { projectId, project, can } = useStaff();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [scope, setScope] = useState<'project' | 'company'>(projectId ? 'project' : 'company');
  const scopeId = scope === 'project' ? (projectId ?? null) : null;
  const described = usePolicies(scopeId);
  const history = usePolicyHistory(scopeId);
  const categories = useCategories();
  const save = useSavePolicy();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<PolicyForm>();
  const canEdit = can('policy.manage') && (scope === 'project' || can('company.admin'));
  const cat = useCallback((code: string) => categoryLabel(categories.data, code, locale), [categories.data, locale]);

  const sections = useMemo(
    () => (described.data ? lines(t, described.data.effective, described.data.defaults, cat) : []),
    [described.data, t, cat],
  );

  const submit = async () => {
    const v = await validForm(form);
    if (!v || !described.data) return;
    const effective = described.data.effective;
    const next = fromForm(v, effective);
    const current = ((scope === 'project' ? described.data.projectOverride : described.data.companyOverride) ?? {}) as Record<
      string,
      unknown
    >;
    // The override keeps what this scope already changed and adds the sections changed now.
    const override: Record<string, unknown> = { ...current };
    for (const key of Object.keys(next) as (keyof Policy)[]) if (!same(next[key], effective[key])) override[key] = next[key];
    save.mutate(
      { projectId: scopeId, override: override as PolicyOverride, note: v.note.trim() },
      {
        onSuccess: () => {
          void message.success(t('policies.saved'));
          setEditing(false);
        },
        onError: (err) => void applyFieldErrors(form, err),
      },
    );
  };

  const columns: TableColumnsType<Line> = [
    { title: '', dataIndex: 'label', width: isMobile ? 120 : 260 },
    {
      title: t('policies.effective'),
      dataIndex: 'effective',
      render: (v: ReactNode, r) => (
        <Flex gap={6} align="center" wrap>
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
            render: (v: ReactNode) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
        ]),
  ];

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
                disabled={!described.data}
                onClick={() => {
                  form.setFieldsValue({ ...toForm(described.data!.effective), note: '' });
                  setEditing(true);
                }}
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
          {described.isError ? (
            <Card>
              <LoadError error={described.error} onRetry={() => void described.refetch()} />
            </Card>
          ) : described.isPending ? (
            <Card>
              <Skeleton active />
            </Card>
          ) : editing ? (
            <Card data-testid="policy-form">
              <Form form={form} layout="vertical" requiredMark={false}>
                <Form.Item name="calendar" label={t('policies.calendar')}>
                  <Radio.Group>
                    <Radio value="natural">{t('policies.calendar.natural')}</Radio>
                    <Radio value="working">{t('policies.calendar.working')}</Radio>
                  </Radio.Group>
                </Form.Item>
                <Divider titlePlacement="start">{t('policies.deadlines')}</Divider>
                <Row gutter={16}>
                  {deadlineKeys.map((k) => (
                    <Col xs={24} md={12} key={k}>
                      <Form.Item label={t(`policies.deadline.${k}` as MessageKey)} style={{ marginBottom: 12 }}>
                        <Flex gap={8}>
                          <Form.Item name={['deadlines', k, 'amount']} noStyle rules={[{ required: true }]}>
                            <InputNumber min={0.5} max={365} step={1} style={{ width: 110 }} data-testid={`policy-deadline-${k}`} />
                          </Form.Item>
                          <Form.Item name={['deadlines', k, 'unit']} noStyle>
                            <Select
                              style={{ width: 90 }}
                              options={[
                                { value: 'days', label: t('policies.unit.days') },
                                { value: 'hours', label: t('policies.unit.hours') },
                              ]}
                            />
                          </Form.Item>
                        </Flex>
                      </Form.Item>
                    </Col>
                  ))}
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="warningThreshold"
                      label={t('policies.warning')}
                      extra={t('policies.warningHint')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={1} max={99} suffix="%" style={{ width: 120 }} />
                    </Form.Item>
                  </Col>
                </Row>
                <Divider titlePlacement="start">{t('policies.major')}</Divider>
                <Form.Item name={['major', 'phrases']} label={t('policies.majorPhrases')} extra={t('policies.phrasesHint')}>
                  <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid="policy-phrases" />
                </Form.Item>
                <Form.Item name={['major', 'categories']} label={t('policies.majorCategories')}>
                  <Select
                    mode="multiple"
                    optionFilterProp="label"
                    options={(categories.data ?? []).map((c) => ({ value: c.code, label: cat(c.code) }))}
                  />
                </Form.Item>
                <Divider titlePlacement="start">{t('policies.collective')}</Divider>
                <Flex wrap gap={16}>
                  <Form.Item name={['collectiveComplaint', 'minHouseholds']} label={t('policies.minHouseholds')}>
                    <InputNumber min={2} max={100} />
                  </Form.Item>
                  <Form.Item name={['collectiveComplaint', 'windowHours']} label={t('policies.windowHours')}>
                    <InputNumber min={1} max={720} />
                  </Form.Item>
                  <Form.Item name={['collectiveComplaint', 'similarity']} label={t('policies.similarity')}>
                    <InputNumber min={0.05} max={0.95} step={0.05} />
                  </Form.Item>
                </Flex>
                <Divider titlePlacement="start">{t('policies.returnVisit')}</Divider>
                <Form.Item name={['returnVisit', 'types']} label={t('policies.returnVisitTypes')}>
                  <Select mode="multiple" options={ticketTypes.map((x) => ({ value: x, label: t(`ticketType.${x}`) }))} />
                </Form.Item>
                <Flex wrap gap={16}>
                  <Form.Item name={['returnVisit', 'dueDays']} label={t('policies.dueDays')}>
                    <InputNumber min={1} max={60} />
                  </Form.Item>
                  <Form.Item name={['returnVisit', 'targetRate']} label={t('policies.targetRate')}>
                    <InputNumber min={0} max={100} suffix="%" />
                  </Form.Item>
                  <Form.Item name="effectiveComplaintRateTarget" label={t('policies.effectiveTarget')}>
                    <InputNumber min={0} max={100} step={0.1} suffix="%" />
                  </Form.Item>
                  <Form.Item name="satisfactionTarget" label={t('policies.satisfactionTarget')}>
                    <InputNumber min={0} max={100} suffix="%" />
                  </Form.Item>
                </Flex>
                <Divider titlePlacement="start">{t('policies.duty')}</Divider>
                <Flex wrap gap={16}>
                  <Form.Item name={['duty', 'summer', 'from']} label={t('policies.dutySummerFrom')} rules={[{ pattern: /^\d{2}-\d{2}$/ }]}>
                    <Input placeholder="05-01" style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={['duty', 'summer', 'to']} label={t('policies.dutySummerTo')} rules={[{ pattern: /^\d{2}-\d{2}$/ }]}>
                    <Input placeholder="09-30" style={{ width: 100 }} />
                  </Form.Item>
                  {(['checkInEarlyMinutes', 'handoverGraceMinutes', 'convertWithinMinutes'] as const).map((k) => (
                    <Form.Item key={k} name={['duty', k]} label={t(`policies.duty.${k}`)}>
                      <InputNumber min={0} max={10080} suffix={t('policies.minutes')} />
                    </Form.Item>
                  ))}
                </Flex>
                <Divider titlePlacement="start">{t('policies.engagement')}</Divider>
                <Flex gap={16} wrap>
                  <Form.Item name={['engagement', 'butlerHouseholdsPerMonth']} label={t('policies.butlerHouseholds')}>
                    <InputNumber min={0} max={500} />
                  </Form.Item>
                  <Form.Item name={['engagement', 'butlerPhotoRequired']} label={t('policies.butlerPhoto')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  <Form.Item name={['engagement', 'frontdeskContactsPerMonth']} label={t('policies.frontdeskContacts')}>
                    <InputNumber min={0} max={500} />
                  </Form.Item>
                  <Form.Item name={['engagement', 'directorVisitsPerHousehold', 'min']} label={t('policies.directorVisits')}>
                    <InputNumber min={0} max={12} />
                  </Form.Item>
                  <Form.Item name={['engagement', 'directorVisitsPerHousehold', 'max']} label="—">
                    <InputNumber min={1} max={12} />
                  </Form.Item>
                  <Form.Item name={['engagement', 'areaVisitsPerQuarter']} label={t('policies.areaVisits')}>
                    <InputNumber min={0} max={30} />
                  </Form.Item>
                  <Form.Item name={['engagement', 'forumIntervalMonths']} label={t('policies.forumInterval')}>
                    <InputNumber min={1} max={24} />
                  </Form.Item>
                  <Form.Item name={['engagement', 'satisfiedMinRating']} label={t('policies.satisfiedMinRating')}>
                    <InputNumber min={1} max={5} />
                  </Form.Item>
                </Flex>
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
              {sections.map((s) => (
                <Card key={s.title} size="small" title={s.title}>
                  <Table<Line>
                    rowKey="key"
                    size="small"
                    columns={columns}
                    dataSource={s.rows}
                    pagination={false}
                    showHeader={s.title === sections[0].title}
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
                items={history.data.map((h) => ({
                  key: h.id,
                  content: (
                    <div>
                      <Typography.Text strong>{h.note ?? '—'}</Typography.Text>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('policies.historyBy', { name: h.by ?? '—', at: formatDateTime(h.at) })}
                        </Typography.Text>
                      </div>
                      {!!h.override && typeof h.override === 'object' && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('policies.changedKeys', {
                            keys:
                              [
                                ...new Set(
                                  Object.keys(h.override).map((k) => (k in sectionLabel ? t(sectionLabel[k as keyof Policy]) : k)),
                                ),
                              ].join('、') || '—',
                          })}
                        </Typography.Text>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
