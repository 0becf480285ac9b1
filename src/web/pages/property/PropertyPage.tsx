import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Flex, Row, Segmented, Select, Skeleton, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { unitStates } from '../../../shared/enums.ts';
import type { Building, Unit } from '../../../shared/schemas.ts';
import { useBuildingUnits, useBuildings } from '../../api/hooks.ts';
import { LoadError } from '../../components/errors.tsx';
import { unitStateColors } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import { BuildingCreateModal } from './BuildingCreateModal.tsx';
import { UnitSearch } from './UnitSearch.tsx';

export default function PropertyPage() {
  const { t } = useI18n();
  const { projectId, project, can } = useStaff();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const buildings = useBuildings(projectId);

  const list = buildings.data ?? [];
  const requested = Number(params.get('building')) || undefined;
  const selected = list.find((b) => b.id === requested) ?? list[0];

  const selectBuilding = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('building', String(id));
    next.delete('entrance');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('property.title')}
        subtitle={project?.name}
        extra={
          <>
            <UnitSearch width={isMobile ? '100%' : 280} />
            {can('property.write') && projectId && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="add-building">
                {t('property.addBuilding')}
              </Button>
            )}
          </>
        }
      />
      {buildings.isError ? (
        <Card>
          <LoadError error={buildings.error} onRetry={() => void buildings.refetch()} />
        </Card>
      ) : buildings.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : list.length === 0 ? (
        <Card>
          <Empty description={t('property.noBuildings')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {isMobile ? (
            <Col span={24}>
              <Select
                value={selected?.id}
                onChange={selectBuilding}
                style={{ width: '100%' }}
                options={list.map((b) => ({ value: b.id, label: `${b.name} · ${t('property.unitCount', { count: b.unitCount })}` }))}
                data-testid="building-select"
              />
            </Col>
          ) : (
            <Col xs={24} lg={6} xxl={5}>
              <Card title={t('property.buildings')} size="small" styles={{ body: { padding: 8 } }}>
                <Flex vertical gap={4} style={{ maxHeight: 'calc(100vh - 220px)', overflow: 'auto' }}>
                  {list.map((b) => (
                    <BuildingItem key={b.id} building={b} active={b.id === selected?.id} onClick={() => selectBuilding(b.id)} />
                  ))}
                </Flex>
              </Card>
            </Col>
          )}
          <Col xs={24} lg={18} xxl={19}>
            {selected && <UnitsGrid building={selected} />}
          </Col>
        </Row>
      )}
      {projectId && (
        <BuildingCreateModal projectId={projectId} open={creating} onClose={() => setCreating(false)} onCreated={selectBuilding} />
      )}
    </>
  );
}

function BuildingItem({ building, active, onClick }: { building: Building; active: boolean; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <div
      className={`gj-building-item${active ? ' is-active' : ''}`}
      onClick={onClick}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onClick()}
      role="button"
      tabIndex={0}
      aria-pressed={active}
      data-testid={`building-${building.code}`}
    >
      <Flex justify="space-between" align="baseline">
        <Typography.Text strong>{building.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`buildingKind.${building.kind}`)}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('property.floors', { count: building.floors })} · {t('property.unitCount', { count: building.unitCount })}
        {building.entrances.length > 0 && ` · ${building.entrances.length} ${t('building.entrances')}`}
      </Typography.Text>
    </div>
  );
}

function UnitsGrid({ building }: { building: Building }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { projectId } = useStaff();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const units = useBuildingUnits(projectId, building.id);
  const entranceParam = Number(params.get('entrance')) || 0;
  const entrance = building.entrances.some((e) => e.id === entranceParam) ? entranceParam : 0;

  const shown = useMemo(() => (units.data ?? []).filter((u) => !entrance || u.entranceId === entrance), [units.data, entrance]);
  // Floors top-down; within a floor, one group of cells per entrance (单元) so that 1单元 3001 and
  // 2单元 3001 are never confused; groups line up across floors under a header.
  const groups = useMemo(() => {
    const ids = [...building.entrances.map((e) => e.id as number | null), null].filter((id) => shown.some((u) => u.entranceId === id));
    return ids.map((id) => {
      const e = building.entrances.find((x) => x.id === id);
      return { id, name: e ? e.name || t('property.entrance', { code: e.code }) : '' };
    });
  }, [building.entrances, shown, t]);
  const floors = useMemo(() => {
    const byFloor = new Map<number, Unit[]>();
    for (const u of shown) byFloor.set(u.floor, [...(byFloor.get(u.floor) ?? []), u]);
    return [...byFloor.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([floor, list]) => ({
        floor,
        byEntrance: groups.map((g) =>
          list.filter((u) => u.entranceId === g.id).sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true })),
        ),
      }));
  }, [shown, groups]);
  const groupWidths = groups.map((_, i) => {
    const most = Math.max(1, ...floors.map((f) => f.byEntrance[i].length));
    return `calc(${most} * var(--gj-cell-w) + ${most - 1} * 6px)`;
  });
  const counts = useMemo(() => {
    const c = Object.fromEntries(unitStates.map((s) => [s, 0])) as Record<(typeof unitStates)[number], number>;
    for (const u of shown) c[u.state] += 1;
    return c;
  }, [shown]);

  const setEntrance = (value: number) => {
    const next = new URLSearchParams(params);
    if (value) next.set('entrance', String(value));
    else next.delete('entrance');
    setParams(next, { replace: true });
  };

  return (
    <Card
      title={t('property.unitsIn', { name: building.name })}
      extra={
        building.entrances.length > 1 ? (
          <Segmented
            size="small"
            value={entrance}
            onChange={(v) => setEntrance(Number(v))}
            options={[
              { value: 0, label: t('common.all') },
              ...building.entrances.map((e) => ({ value: e.id, label: e.name || t('property.entrance', { code: e.code }) })),
            ]}
          />
        ) : undefined
      }
      styles={{ body: { paddingTop: 12 } }}
      data-testid="units-grid"
    >
      <Flex wrap gap={12} style={{ marginBottom: 12 }} data-testid="unit-legend">
        {unitStates.map((s) => (
          <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 12, color: token.colorTextSecondary }}>
            <span
              style={{
                width: 12,
                height: 12,
                borderRadius: 3,
                background: unitStateColors[s].bg,
                border: `1px solid ${unitStateColors[s].border}`,
              }}
            />
            {t(`unitState.${s}`)}
            <Badge count={counts[s]} showZero color={counts[s] ? unitStateColors[s].solid : '#d9d9d9'} size="small" overflowCount={9999} />
          </span>
        ))}
      </Flex>
      {units.isError ? (
        <LoadError error={units.error} onRetry={() => void units.refetch()} />
      ) : units.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : floors.length === 0 ? (
        <Empty description={t('property.noUnits')} />
      ) : (
        <div className="gj-units-scroll">
          {groups.length > 1 && (
            <div className="gj-floor-row gj-entrance-header">
              <div className="gj-floor-label" />
              {groups.map((g, i) => (
                <div key={g.id ?? 'none'} className="gj-entrance-group" style={{ width: groupWidths[i] }}>
                  {g.name}
                </div>
              ))}
            </div>
          )}
          {floors.map(({ floor, byEntrance }) => (
            <div className="gj-floor-row" key={floor}>
              <div className="gj-floor-label">{t('property.floorLabel', { floor })}</div>
              {byEntrance.map((row, i) => (
                <div key={groups[i].id ?? 'none'} className="gj-entrance-group" style={{ width: groupWidths[i] }}>
                  {row.map((u) => {
                    const c = unitStateColors[u.state];
                    return (
                      <button
                        type="button"
                        key={u.id}
                        className="gj-unit-cell"
                        style={{ background: c.bg, borderColor: c.border, color: c.text }}
                        title={`${u.code} · ${t(`unitState.${u.state}`)} · ${u.areaM2} m²`}
                        onClick={() => navigate(`/property/units/${u.id}?projectId=${projectId}`)}
                        data-testid={`unit-${u.code}`}
                        data-state={u.state}
                      >
                        {u.number}
                        <small>{Math.round(u.areaM2)} m²</small>
                      </button>
                    );
                  })}
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
