import { PlusOutlined, UserOutlined, BankOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CustomerListItem } from '../../../shared/schemas.ts';
import { useCustomers } from '../../api/hooks.ts';
import { LoadError } from '../../components/errors.tsx';
import { RelationTag } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CustomerCreateModal } from './CustomerCreateModal.tsx';

export default function CustomersPage() {
  const { t } = useI18n();
  const { projectId, project, can } = useStaff();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const customers = useCustomers(projectId, q);

  useEffect(() => setText(q), [q]);

  const search = (value: string) => {
    const next = new URLSearchParams(params);
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    setParams(next, { replace: true });
  };

  const rows = customers.data?.pages.flatMap((p) => p.items) ?? [];
  const detailPath = (id: number) => `/customers/${id}?projectId=${projectId}`;

  const columns: TableColumnsType<CustomerListItem> = [
    {
      title: t('customers.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <Link to={detailPath(c.id)} data-testid={`customer-link-${c.id}`}>
          {name}
        </Link>
      ),
    },
    {
      title: t('customers.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: CustomerListItem['kind']) => <Tag>{t(`customerKind.${k}`)}</Tag>,
    },
    {
      title: t('customers.phone'),
      dataIndex: 'phone',
      width: 150,
      render: (p: string | null) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{p ?? '—'}</span>,
    },
    {
      title: t('customers.units'),
      dataIndex: 'units',
      render: (units: CustomerListItem['units']) =>
        units.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex wrap gap={4}>
            {units.map((u) => (
              <span key={`${u.unitId}-${u.relation}`} style={{ whiteSpace: 'nowrap' }}>
                <Link to={`/property/units/${u.unitId}?projectId=${projectId}`} onClick={(e) => e.stopPropagation()}>
                  {u.code}
                </Link>{' '}
                <RelationTag relation={u.relation} />
              </span>
            ))}
          </Flex>
        ),
    },
  ];

  const footer = (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.shown', { count: rows.length })}</Typography.Text>
      {customers.hasNextPage ? (
        <Button onClick={() => void customers.fetchNextPage()} loading={customers.isFetchingNextPage} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : rows.length > 0 ? (
        <Typography.Text type="secondary">· {t('common.allLoaded')}</Typography.Text>
      ) : null}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={project?.name}
        extra={
          <>
            <Input.Search
              value={text}
              onChange={(e) => setText(e.target.value)}
              onSearch={search}
              allowClear
              placeholder={t('customers.search')}
              style={{ width: isMobile ? '100%' : 300 }}
              data-testid="customer-search"
            />
            {can('customer.write') && projectId && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-create">
                {t('customers.create')}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        {customers.isError ? (
          <LoadError error={customers.error} onRetry={() => void customers.refetch()} />
        ) : isMobile ? (
          <>
            {customers.isPending ? (
              <Table loading columns={[]} dataSource={[]} />
            ) : rows.length === 0 ? (
              <Empty description={t('customers.empty')} />
            ) : (
              <Flex vertical gap={8}>
                {rows.map((c) => (
                  <Card key={c.id} size="small" hoverable onClick={() => navigate(detailPath(c.id))} data-testid={`customer-card-${c.id}`}>
                    <Flex justify="space-between" align="center">
                      <Typography.Text strong>
                        {c.kind === 'organisation' ? <BankOutlined /> : <UserOutlined />} {c.name}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {c.phone ?? '—'}
                      </Typography.Text>
                    </Flex>
                    {c.units.length > 0 && (
                      <Flex wrap gap={4} style={{ marginTop: 6 }}>
                        {c.units.map((u) => (
                          <span key={`${u.unitId}-${u.relation}`}>
                            {u.code} <RelationTag relation={u.relation} />
                          </span>
                        ))}
                      </Flex>
                    )}
                  </Card>
                ))}
              </Flex>
            )}
            {footer}
          </>
        ) : (
          <>
            <Table<CustomerListItem>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={customers.isPending || (customers.isFetching && !customers.isFetchingNextPage)}
              pagination={false}
              size="middle"
              scroll={{ x: 640 }}
              locale={{ emptyText: <Empty description={t('customers.empty')} /> }}
              onRow={(c) => testId<React.HTMLAttributes<HTMLElement>>('customer-row', { 'data-customer-id': c.id })}
            />
            {footer}
          </>
        )}
      </Card>
      {projectId && (
        <CustomerCreateModal
          projectId={projectId}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => navigate(detailPath(id))}
        />
      )}
    </>
  );
}
