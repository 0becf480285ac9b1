import { Button, Card, Descriptions, Empty, Flex, Select, Skeleton, Table, Tag, App } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unitStates, type UnitState } from '../../../shared/enums.ts';
import type { UnitDetail } from '../../../shared/schemas.ts';
import { useUnit, useUpdateUnit } from '../../api/hooks.ts';
import { LoadError, errorText } from '../../components/errors.tsx';
import { RelationTag, UnitStateTag, formatDate } from '../../components/labels.tsx';
import { MoveOutModal, type MoveOutTarget } from '../../components/MoveOutModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';

type Occupant = UnitDetail['occupants'][number];

export default function UnitDetailPage() {
  const { t } = useI18n();
  const { can } = useStaff();
  const isMobile = useIsMobile();
  const id = Number(useParams().id);
  const unit = useUnit(id);
  const [moveOut, setMoveOut] = useState<MoveOutTarget | null>(null);

  if (unit.isError) {
    return (
      <>
        <PageHeader title={t('unit.title')} back="/property" />
        <Card>
          <LoadError error={unit.error} onRetry={() => void unit.refetch()} />
        </Card>
      </>
    );
  }
  if (unit.isPending) {
    return (
      <>
        <PageHeader title={t('unit.title')} back="/property" />
        <Card>
          <Skeleton active />
        </Card>
      </>
    );
  }
  const u = unit.data;
  const occupants = [...u.occupants].sort((a, b) => Number(!!a.moveOutDate) - Number(!!b.moveOutDate));

  const columns: TableColumnsType<Occupant> = [
    {
      title: t('unit.name'),
      dataIndex: 'name',
      render: (name: string, o) =>
        can('customer.read') ? (
          <Link to={`/customers/${o.customerId}?projectId=${u.projectId}`} data-testid={`occupant-link-${o.customerId}`}>
            {name}
          </Link>
        ) : (
          name
        ),
    },
    {
      title: t('unit.relation'),
      dataIndex: 'relation',
      render: (r: Occupant['relation']) => <RelationTag relation={r} />,
    },
    {
      title: t('unit.phone'),
      dataIndex: 'phone',
      render: (p: string | null) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{p ?? '—'}</span>,
    },
    { title: t('unit.moveIn'), dataIndex: 'moveInDate', render: formatDate },
    {
      title: t('unit.moveOut'),
      dataIndex: 'moveOutDate',
      render: (d: string | null) => (d ? formatDate(d) : <Tag color="green">{t('unit.current')}</Tag>),
    },
  ];
  if (can('customer.write')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, o) =>
        o.moveOutDate ? null : (
          <Button
            size="small"
            type="link"
            onClick={() =>
              setMoveOut({
                occupancyId: o.occupancyId,
                label: `${o.name} · ${u.code}`,
                moveInDate: o.moveInDate,
              })
            }
            data-testid={`move-out-${o.occupancyId}`}
          >
            {t('customer.moveOut')}
          </Button>
        ),
    });
  }

  return (
    <>
      <PageHeader
        title={
          <span data-testid="unit-title">
            {u.code} <UnitStateTag state={u.state} />
          </span>
        }
        subtitle={u.buildingName}
        back={`/property?projectId=${u.projectId}&building=${u.buildingId}`}
      />
      <Flex vertical gap={16}>
        <Card title={t('unit.title')} size={isMobile ? 'small' : 'medium'}>
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" data-testid="unit-details">
            <Descriptions.Item label={t('unit.code')}>{u.code}</Descriptions.Item>
            <Descriptions.Item label={t('unit.building')}>{u.buildingName}</Descriptions.Item>
            <Descriptions.Item label={t('unit.floor')}>{t('property.floorLabel', { floor: u.floor })}</Descriptions.Item>
            <Descriptions.Item label={t('unit.number')}>{u.number}</Descriptions.Item>
            <Descriptions.Item label={t('unit.area')}>{t('common.area', { value: u.areaM2 })}</Descriptions.Item>
            <Descriptions.Item label={t('unit.use')}>{t(`unitUse.${u.use}`)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.state')}>
              {can('property.write') ? <UnitStateEditor unitId={u.id} state={u.state} /> : <UnitStateTag state={u.state} />}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={`${t('unit.occupants')} (${occupants.filter((o) => !o.moveOutDate).length})`} size={isMobile ? 'small' : 'medium'}>
          {occupants.length === 0 ? (
            <Empty description={t('unit.noOccupants')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Table<Occupant>
              rowKey="occupancyId"
              columns={columns}
              dataSource={occupants}
              pagination={false}
              size="small"
              scroll={{ x: 'max-content' }}
              onRow={(o) => testId<React.HTMLAttributes<HTMLElement>>('occupant-row', { 'data-customer-id': o.customerId })}
              rowClassName={(o) => (o.moveOutDate ? 'gj-row-muted' : '')}
            />
          )}
        </Card>
      </Flex>
      <MoveOutModal target={moveOut} onClose={() => setMoveOut(null)} />
    </>
  );
}

function UnitStateEditor({ unitId, state }: { unitId: number; state: UnitState }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const update = useUpdateUnit(unitId);
  return (
    <Select<UnitState>
      size="small"
      value={state}
      style={{ minWidth: 120 }}
      loading={update.isPending}
      onChange={(next) =>
        update.mutate(
          { state: next },
          {
            onSuccess: () => void message.success(t('unit.stateSaved')),
            onError: (err) => void message.error(errorText(t, err)),
          },
        )
      }
      options={unitStates.map((s) => ({
        value: s,
        label: t(`unitState.${s}`),
      }))}
      data-testid="unit-state-select"
    />
  );
}
