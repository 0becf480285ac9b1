import { ApartmentOutlined, BankOutlined, ExpandOutlined, HomeOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Typography, theme } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { unitStates, type UnitState } from '../../../shared/enums.ts';
import { useProjectSummary } from '../../api/hooks.ts';
import { LoadError } from '../../components/errors.tsx';
import { unitStateColors } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ProjectCreateModal } from './ProjectCreateModal.tsx';
import { UnitStateChart } from './UnitStateChart.tsx';

interface StatDef {
  key: string;
  title: MessageKey;
  value: number;
  suffix: string;
  icon: ReactNode;
  color: string;
}

export default function OverviewPage() {
  const { t, formatNumber } = useI18n();
  const { me, project, projectId, can, setProjectId } = useStaff();
  const [creating, setCreating] = useState(false);
  const addProject = can('company.admin') && (
    <Button type={projectId ? 'default' : 'primary'} onClick={() => setCreating(true)} data-testid="project-add">
      {t('project.add')}
    </Button>
  );
  const createModal = <ProjectCreateModal open={creating} onClose={() => setCreating(false)} onCreated={setProjectId} />;
  const { token } = theme.useToken();
  const isMobile = useIsMobile();
  const summary = useProjectSummary(projectId);

  const states = useMemo(() => {
    const byState = summary.data?.unitsByState ?? {};
    return unitStates.map((s: UnitState) => ({ state: s, count: byState[s] ?? 0 }));
  }, [summary.data]);

  const header = (
    <PageHeader
      title={t('overview.greeting', { name: me.name })}
      subtitle={project ? `${project.name} · ${t('overview.title')}` : t('header.noProject')}
      extra={addProject || undefined}
    />
  );

  if (!projectId) {
    return (
      <>
        {header}
        <Card>
          <Empty description={can('company.admin') ? t('project.firstHint') : t('header.noProject')} />
        </Card>
        {createModal}
      </>
    );
  }
  if (summary.isError) {
    return (
      <>
        {header}
        <Card>
          <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
        </Card>
      </>
    );
  }

  const s = summary.data;
  const stats: StatDef[] = s
    ? [
        {
          key: 'buildings',
          title: 'overview.buildings',
          value: s.buildings,
          suffix: t('overview.unitBuildings'),
          icon: <BankOutlined />,
          color: '#1d4ed8',
        },
        {
          key: 'units',
          title: 'overview.units',
          value: s.units,
          suffix: t('overview.unitUnits'),
          icon: <HomeOutlined />,
          color: '#0891b2',
        },
        { key: 'area', title: 'overview.area', value: s.area, suffix: 'm²', icon: <ExpandOutlined />, color: '#7c3aed' },
        {
          key: 'customers',
          title: 'overview.customers',
          value: s.customers,
          suffix: t('overview.unitPeople'),
          icon: <UserOutlined />,
          color: '#d97706',
        },
        {
          key: 'households',
          title: 'overview.households',
          value: s.households,
          suffix: t('overview.unitHouseholds'),
          icon: <ApartmentOutlined />,
          color: '#16a34a',
        },
        {
          key: 'staff',
          title: 'overview.staff',
          value: s.staff,
          suffix: t('overview.unitPeople'),
          icon: <TeamOutlined />,
          color: '#db2777',
        },
      ]
    : [];

  const totalUnits = s?.units ?? 0;
  const lived = states.filter((x) => x.state === 'occupied' || x.state === 'rented').reduce((a, b) => a + b.count, 0);

  return (
    <>
      {header}
      <Row gutter={[16, 16]}>
        {s
          ? stats.map((stat) => (
              <Col key={stat.key} xs={12} sm={8} xxl={4}>
                <Card
                  size="small"
                  className="gj-stat-card"
                  data-testid={`stat-${stat.key}`}
                  styles={{ body: { padding: isMobile ? 12 : 16 } }}
                >
                  <Flex align="center" gap={12}>
                    {!isMobile && (
                      <span
                        style={{
                          width: 40,
                          height: 40,
                          borderRadius: 10,
                          background: `${stat.color}14`,
                          color: stat.color,
                          display: 'inline-flex',
                          alignItems: 'center',
                          justifyContent: 'center',
                          fontSize: 18,
                          flex: 'none',
                        }}
                      >
                        {stat.icon}
                      </span>
                    )}
                    <Statistic
                      title={t(stat.title)}
                      value={stat.value}
                      formatter={(v) => formatNumber(Number(v), 0)}
                      suffix={
                        stat.suffix ? <span style={{ fontSize: 13, color: token.colorTextSecondary }}>{stat.suffix}</span> : undefined
                      }
                      styles={{ content: { fontSize: isMobile ? 20 : 24, fontWeight: 600, whiteSpace: 'nowrap' } }}
                    />
                  </Flex>
                </Card>
              </Col>
            ))
          : ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((key) => (
              <Col key={key} xs={12} sm={8} xxl={4}>
                <Card size="small">
                  <Skeleton active paragraph={{ rows: 1 }} title={false} />
                </Card>
              </Col>
            ))}
        <Col xs={24} lg={14}>
          <Card title={t('overview.unitsByState')} style={{ height: '100%' }}>
            {!s ? (
              <Skeleton active />
            ) : totalUnits === 0 ? (
              <Empty description={t('overview.noUnits')} />
            ) : (
              <UnitStateChart
                compact={isMobile}
                centerLabel={`${formatNumber(totalUnits)}${t('overview.unitUnits') ? ' ' + t('overview.unitUnits') : ''}`}
                slices={states
                  .filter((x) => x.count > 0)
                  .map((x) => ({ name: t(`unitState.${x.state}`), value: x.count, color: unitStateColors[x.state].solid }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={t('unit.state')}
            extra={
              s && totalUnits > 0 ? (
                <Typography.Text type="secondary">
                  {t('overview.occupancyRate')} {formatNumber((lived / totalUnits) * 100, 1)}%
                </Typography.Text>
              ) : undefined
            }
            style={{ height: '100%' }}
          >
            {!s ? (
              <Skeleton active />
            ) : (
              <Flex vertical gap={12} data-testid="units-by-state-list">
                {states.map((x) => (
                  <div key={x.state}>
                    <Flex justify="space-between">
                      <span>
                        <span
                          style={{
                            display: 'inline-block',
                            width: 8,
                            height: 8,
                            borderRadius: 2,
                            background: unitStateColors[x.state].solid,
                            marginInlineEnd: 8,
                          }}
                        />
                        {t(`unitState.${x.state}`)}
                      </span>
                      <Typography.Text strong>{formatNumber(x.count)}</Typography.Text>
                    </Flex>
                    <Progress
                      percent={totalUnits ? (x.count / totalUnits) * 100 : 0}
                      showInfo={false}
                      strokeColor={unitStateColors[x.state].solid}
                      size="small"
                    />
                  </div>
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
      {createModal}
    </>
  );
}
