import { CopyOutlined, LeftOutlined, PrinterOutlined, RetweetOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Popover, Segmented, Select, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type DragEvent } from 'react';
import { dutyApi, useCoverage, useDutyMutation, useDutyStaff, useDutyTemplates, useRoster, type Assignment } from '../../api/duty.ts';
import { errorText, LoadError } from '../../components/errors.tsx';
import { PrintArea, printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { clock, period } from './dutyFormat.ts';
import { ShiftTemplatesModal } from './ShiftTemplatesModal.tsx';

/** 排班: a week or month of shifts (rows) × dates (columns), with the coverage check shown in red. */
export function RosterTab() {
  const { t } = useI18n();
  const { projectId, project, can } = useStaff();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'week' | 'month'>('week');
  const [anchor, setAnchor] = useState<Dayjs>(() => dayjs());
  const { from, to, days } = period(anchor, mode);
  const templates = useDutyTemplates(projectId);
  const roster = useRoster(projectId, from, to);
  const coverage = useCoverage(projectId, from, to);
  const staff = useDutyStaff(projectId);
  const canPlan = can('duty.plan');
  const write = useDutyMutation((f: () => Promise<unknown>) => f());
  const [dragging, setDragging] = useState<Assignment | null>(null);
  const [editingTemplates, setEditingTemplates] = useState(false);

  const run = (f: () => Promise<unknown>, ok?: string) =>
    write.mutate(f, {
      onSuccess: () => ok && void message.success(ok),
      onError: (err) => void message.error(errorText(t, err)),
    });

  /** Assignments flagged by the coverage check: booked twice or from the wrong department. */
  const flagged = useMemo(() => {
    const ids = new Map<number, string>();
    for (const o of coverage.data?.overlaps ?? []) for (const id of o.assignmentIds) ids.set(id, t('duty.overlap'));
    for (const w of coverage.data?.wrongDepartment ?? []) ids.set(w.assignmentId, t('duty.wrongDepartment'));
    return ids;
  }, [coverage.data, t]);

  /** The local dates a gap touches, for the red cells of the coverage row. */
  const gapDays = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const g of coverage.data?.gaps ?? []) {
      const from = dayjs(g.from);
      const to = dayjs(g.to);
      // A gap spanning days is shown on each day for the part of it that falls on that day.
      for (let d = from.startOf('day'); d.isBefore(to); d = d.add(1, 'day')) {
        const start = from.isAfter(d) ? from : d;
        const end = to.isBefore(d.add(1, 'day')) ? to : d.add(1, 'day');
        const whole = start.isSame(d) && end.isSame(d.add(1, 'day'));
        const text = whole ? t('duty.allDay') : `${start.format('HH:mm')}–${end.isSame(d.add(1, 'day')) ? '24:00' : end.format('HH:mm')}`;
        const key = d.format('YYYY-MM-DD');
        map.set(key, [...(map.get(key) ?? []), text]);
      }
    }
    return map;
  }, [coverage.data, t]);

  if (templates.error) return <LoadError error={templates.error} />;
  const shifts = templates.data?.shifts ?? [];
  const cell = (code: string, date: string) => (roster.data ?? []).filter((a) => a.shiftCode === code && a.date === date);
  const deptOf = (code: string) => shifts.find((s) => s.code === code)?.department;

  const onDrop = (e: DragEvent, code: string, date: string) => {
    e.preventDefault();
    const a = dragging;
    setDragging(null);
    if (!a || a.shiftCode !== code || a.date === date) return;
    run(() => dutyApi.moveAssignment(a.id, { date }));
  };

  const addPicker = (code: string, date: string) => {
    const dept = deptOf(code);
    const options = (staff.data ?? [])
      .slice()
      .sort((a, b) => Number(b.department === dept) - Number(a.department === dept))
      .map((s) => ({ value: s.id, label: `${s.name}${s.department ? ` · ${t(`department.${s.department}`)}` : ''}` }));
    return (
      <Select
        autoFocus
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 220 }}
        placeholder={t('duty.pickStaff')}
        options={options}
        data-testid={`duty-pick-${code}-${date}`}
        onChange={(staffId: number) => run(() => dutyApi.createAssignment({ projectId: projectId!, shiftCode: code, staffId, date }))}
      />
    );
  };

  const c = coverage.data;
  const problems = c ? c.gaps.length + c.overlaps.length + c.wrongDepartment.length : 0;

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex wrap gap={8} align="center">
          <Segmented
            value={mode}
            onChange={(v) => setMode(v as 'week' | 'month')}
            options={[
              { value: 'week', label: t('duty.week') },
              { value: 'month', label: t('duty.month') },
            ]}
          />
          <Button icon={<LeftOutlined />} aria-label={t('duty.previous')} onClick={() => setAnchor(anchor.subtract(1, mode))} />
          <DatePicker
            picker={mode}
            value={anchor}
            allowClear={false}
            onChange={(d) => d && setAnchor(d)}
            format={mode === 'week' ? () => `${from} ~ ${to}` : 'YYYY-MM'}
          />
          <Button icon={<RightOutlined />} aria-label={t('duty.next')} onClick={() => setAnchor(anchor.add(1, mode))} />
          {templates.data && (
            <Tag color={templates.data.seasonToday === 'summer' ? 'orange' : 'blue'}>
              {t(`duty.season.${templates.data.seasonToday}`)} · {t('duty.summerPeriod', templates.data.summer)}
            </Tag>
          )}
        </Flex>
        <Flex wrap gap={8}>
          {canPlan && mode === 'week' && (
            <Button
              icon={<CopyOutlined />}
              data-testid="duty-copy-week"
              onClick={() =>
                run(
                  () =>
                    dutyApi.copyWeek({
                      projectId: projectId!,
                      fromWeek: dayjs(from).subtract(7, 'day').format('YYYY-MM-DD'),
                      toWeek: from,
                    }),
                  t('duty.copied'),
                )
              }
            >
              {t('duty.copyLastWeek')}
            </Button>
          )}
          {canPlan && shifts.some((s) => s.code === 'noon') && (
            <Button
              icon={<RetweetOutlined />}
              data-testid="duty-rotate-noon"
              onClick={() => run(() => dutyApi.rotateNoon({ projectId: projectId!, from, to }), t('duty.rotated'))}
            >
              {t('duty.rotateNoon')}
            </Button>
          )}
          {can('policy.manage') && (
            <Button icon={<SettingOutlined />} onClick={() => setEditingTemplates(true)} data-testid="duty-templates">
              {t('duty.templates')}
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => printDocument('roster')}>
            {t('common.print')}
          </Button>
        </Flex>
      </Flex>

      {c && (
        <Alert
          data-testid="duty-coverage"
          type={problems ? 'error' : 'success'}
          showIcon
          title={problems ? t('duty.coverageProblems', { n: problems }) : t('duty.coverageOk')}
          description={
            problems ? (
              <Flex vertical gap={2}>
                {c.gaps.map((g) => (
                  <span key={g.from} data-testid="duty-gap">
                    {t('duty.gap')}: {dayjs(g.from).format('MM-DD HH:mm')} – {dayjs(g.to).format('MM-DD HH:mm')} ({g.minutes}{' '}
                    {t('policies.minutes')})
                  </span>
                ))}
                {c.overlaps.map((o) => (
                  <span key={o.assignmentIds.join('-')} data-testid="duty-overlap">
                    {t('duty.overlap')}: {o.staffName} · {o.shifts.join(' / ')} · {dayjs(o.from).format('MM-DD HH:mm')} –{' '}
                    {dayjs(o.to).format('MM-DD HH:mm')}
                  </span>
                ))}
                {c.wrongDepartment.map((w) => (
                  <span key={w.assignmentId} data-testid="duty-wrong-department">
                    {t('duty.wrongDepartment')}: {w.date} {w.shiftName} · {w.staffName} (
                    {w.actual ? t(`department.${w.actual}` as never) : '—'} → {t(`department.${w.expected}` as never)})
                  </span>
                ))}
              </Flex>
            ) : undefined
          }
        />
      )}

      <Card size="small" styles={{ body: { padding: 0, overflowX: 'auto' } }}>
        <Spin spinning={roster.isFetching || write.isPending}>
          <table className="gj-roster" data-testid="duty-roster">
            <thead>
              <tr>
                <th style={{ minWidth: 120 }}>{t('duty.shift')}</th>
                {days.map((d) => (
                  <th key={d} className={dayjs(d).day() % 6 === 0 ? 'gj-roster-weekend' : undefined}>
                    {dayjs(d).format('MM-DD')}
                    <br />
                    <Typography.Text type="secondary">{dayjs(d).format('dd')}</Typography.Text>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shifts.map((s) => (
                <tr key={s.code}>
                  <th>
                    {s.name}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.normal.start}–{s.normal.end}
                    </Typography.Text>
                  </th>
                  {days.map((d) => (
                    <td
                      key={d}
                      data-testid={`duty-cell-${s.code}-${d}`}
                      onDragOver={(e) => canPlan && e.preventDefault()}
                      onDrop={(e) => onDrop(e, s.code, d)}
                    >
                      <Flex vertical gap={2} align="start">
                        {cell(s.code, d).map((a) => (
                          <Tooltip key={a.id} title={flagged.get(a.id) ?? `${clock(a.startsAt)}–${clock(a.endsAt)}`}>
                            <Tag
                              color={flagged.has(a.id) ? 'red' : a.checkInAt ? 'green' : undefined}
                              closable={canPlan && !a.checkInAt}
                              draggable={canPlan && !a.checkInAt}
                              onDragStart={() => setDragging(a)}
                              onClose={(e) => {
                                e.preventDefault();
                                run(() => dutyApi.deleteAssignment(a.id));
                              }}
                              data-testid={`duty-assignment-${a.id}`}
                            >
                              {a.staffName}
                            </Tag>
                          </Tooltip>
                        ))}
                        {canPlan && (
                          <Popover trigger="click" content={addPicker(s.code, d)} destroyOnHidden>
                            <Button size="small" type="dashed" data-testid={`duty-add-${s.code}-${d}`}>
                              +
                            </Button>
                          </Popover>
                        )}
                      </Flex>
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th>{t('duty.coverage')}</th>
                {days.map((d) => (
                  <td key={d} className={gapDays.has(d) ? 'gj-roster-gap' : 'gj-roster-ok'} data-testid={`duty-coverage-${d}`}>
                    {gapDays.get(d)?.join(' ') ?? '✓'}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </Spin>
      </Card>

      {editingTemplates && projectId && <ShiftTemplatesModal projectId={projectId} onClose={() => setEditingTemplates(false)} />}
      <PrintArea name="roster" landscape>
        <div className="gj-doc">
          <div className="gj-doc-company">{project?.name}</div>
          <h1>{t('duty.rosterTitle')}</h1>
          <div className="gj-doc-sub">
            {from} ~ {to}
          </div>
          <table>
            <thead>
              <tr>
                <th>{t('duty.date')}</th>
                {shifts.map((s) => (
                  <th key={s.code} style={{ width: 'auto' }}>
                    {s.name} {s.normal.start}–{s.normal.end}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d}>
                  <td>{dayjs(d).format('MM-DD ddd')}</td>
                  {shifts.map((s) => (
                    <td key={s.code}>
                      {cell(s.code, d)
                        .map((a) => a.staffName)
                        .join('、')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {t('duty.coverage')}: {problems ? t('duty.coverageProblems', { n: problems }) : t('duty.coverageOk')}
          </p>
        </div>
      </PrintArea>
    </Flex>
  );
}
