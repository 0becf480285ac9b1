import { EditOutlined, EyeOutlined, LinkOutlined, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Customer, RevealResult } from '../../../shared/schemas.ts';
import { useArchive } from '../../api/archive.ts';
import { useCustomer } from '../../api/hooks.ts';
import { LoadError } from '../../components/errors.tsx';
import { RelationTag, formatDate, formatDateTime } from '../../components/labels.tsx';
import { MoveOutModal, type MoveOutTarget } from '../../components/MoveOutModal.tsx';
import { printDocument } from '../../components/PrintArea.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ArchivePanel } from './ArchivePanel.tsx';
import { CustomerEditModal } from './CustomerEditModal.tsx';
import { CustomerPrint } from './CustomerPrint.tsx';
import { LinkUnitModal } from './LinkUnitModal.tsx';
import { RevealModal } from './RevealModal.tsx';

type UnitLink = Customer['units'][number];

const numberStyle = { fontVariantNumeric: 'tabular-nums' as const, letterSpacing: 0.3 };

export default function CustomerDetailPage() {
  const { t } = useI18n();
  const { can } = useStaff();
  const isMobile = useIsMobile();
  const id = Number(useParams().id);
  const customer = useCustomer(id);
  const archive = useArchive(id);
  const [revealed, setRevealed] = useState<RevealResult | null>(null);
  const [revealOpen, setRevealOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const [moveOut, setMoveOut] = useState<MoveOutTarget | null>(null);

  // Revealed numbers belong to one customer and one look; never carry them to another page.
  useEffect(() => setRevealed(null), [id]);

  if (customer.isError || customer.isPending) {
    return (
      <>
        <PageHeader title={t('customer.title')} back="/customers" />
        <Card>{customer.isError ? <LoadError error={customer.error} onRetry={() => void customer.refetch()} /> : <Skeleton active />}</Card>
      </>
    );
  }

  const c = customer.data;
  const phone = revealed ? revealed.phone : c.phone;
  const idNumber = revealed ? revealed.idNumber : c.idNumber;
  const contacts = revealed ? revealed.contacts : c.contacts;
  const emergency = revealed ? revealed.emergencyContacts : c.emergencyContacts;
  const writable = can('customer.write');
  const units = [...c.units].sort((a, b) => Number(!!a.moveOutDate) - Number(!!b.moveOutDate));

  const unitColumns: TableColumnsType<UnitLink> = [
    {
      title: t('customer.unit'),
      dataIndex: 'unitCode',
      render: (code: string, u) =>
        can('property.read') ? <Link to={`/property/units/${u.unitId}?projectId=${c.projectId}`}>{code}</Link> : code,
    },
    { title: t('unit.building'), dataIndex: 'buildingName' },
    { title: t('customer.relation'), dataIndex: 'relation', render: (r: UnitLink['relation']) => <RelationTag relation={r} /> },
    { title: t('customer.moveInDate'), dataIndex: 'moveInDate', render: formatDate },
    {
      title: t('customer.moveOutDate'),
      dataIndex: 'moveOutDate',
      render: (d: string | null) => (d ? formatDate(d) : <Tag color="green">{t('unit.current')}</Tag>),
    },
  ];
  if (writable) {
    unitColumns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) =>
        u.moveOutDate ? null : (
          <Button
            type="link"
            size="small"
            onClick={() => setMoveOut({ occupancyId: u.occupancyId, label: `${c.name} · ${u.unitCode}`, moveInDate: u.moveInDate })}
            data-testid={`move-out-${u.occupancyId}`}
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
          <span data-testid="customer-title">
            {c.name} <Tag style={{ verticalAlign: 'middle' }}>{t(`customerKind.${c.kind}`)}</Tag>
          </span>
        }
        back={`/customers?projectId=${c.projectId}`}
        extra={
          <>
            <Button icon={<PrinterOutlined />} onClick={() => printDocument('customer-archive')} data-testid="customer-print">
              {t('archive.print')}
            </Button>
            {c.canReveal && !revealed && (
              <Button icon={<EyeOutlined />} onClick={() => setRevealOpen(true)} data-testid="customer-reveal">
                {t('customer.reveal')}
              </Button>
            )}
            {writable && (
              <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
            )}
            {writable && (
              <Button type="primary" icon={<LinkOutlined />} onClick={() => setLinkOpen(true)} data-testid="customer-link-unit">
                {t('customer.linkUnit')}
              </Button>
            )}
          </>
        }
      />
      {revealed && (
        <Alert
          type="warning"
          showIcon
          icon={<SafetyCertificateOutlined />}
          title={t('customer.revealed')}
          style={{ marginBottom: 16 }}
          data-testid="reveal-note"
          closable={{ onClose: () => setRevealed(null) }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('customer.basic')} size={isMobile ? 'small' : 'medium'} style={{ height: '100%' }}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t('customer.name')}>{c.name}</Descriptions.Item>
              <Descriptions.Item label={t('customer.kind')}>{t(`customerKind.${c.kind}`)}</Descriptions.Item>
              {c.kind === 'person' && (
                <Descriptions.Item label={t('customer.gender')}>{c.gender ? t(`gender.${c.gender}`) : '—'}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('customer.phone')}>
                <span style={numberStyle} data-testid="customer-phone">
                  {phone ?? '—'}
                </span>
                {!revealed && c.masked && phone && (
                  <Tag style={{ marginInlineStart: 8 }} variant="filled">
                    {t('customer.masked')}
                  </Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('customer.idType')}>{c.idType ? t(`idType.${c.idType}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('customer.idNumber')}>
                <span style={numberStyle} data-testid="customer-id-number">
                  {idNumber ?? '—'}
                </span>
              </Descriptions.Item>
              {c.kind === 'organisation' && <Descriptions.Item label={t('customer.legalRep')}>{c.orgLegalRep ?? '—'}</Descriptions.Item>}
              {c.kind === 'organisation' && (
                <Descriptions.Item label={t('customer.contactPerson')}>{c.orgContactPerson ?? '—'}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('customer.createdAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('customer.updatedAt')}>{formatDateTime(c.updatedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('customer.notes')} span={{ xs: 1, sm: 2 }}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.notes || '—'}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16} style={{ height: '100%' }}>
            <Card title={t('customer.contacts')} size="small">
              {contacts.length === 0 ? (
                <Typography.Text type="secondary">{t('customer.noContacts')}</Typography.Text>
              ) : (
                <Flex vertical gap={6} data-testid="customer-contacts">
                  {contacts.map((ct, i) => (
                    <Flex key={ct.id ?? i} gap={8} align="baseline">
                      <Tag style={{ minWidth: 64, textAlign: 'center' }}>{t(`contactKind.${ct.kind}`)}</Tag>
                      <span style={numberStyle}>{ct.value}</span>
                      {ct.label && <Typography.Text type="secondary">{ct.label}</Typography.Text>}
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
            <Card title={t('customer.emergency')} size="small">
              {emergency.length === 0 ? (
                <Typography.Text type="secondary">{t('customer.noEmergency')}</Typography.Text>
              ) : (
                <Flex vertical gap={6} data-testid="customer-emergency">
                  {emergency.map((e, i) => (
                    <Flex key={e.id ?? i} gap={8} align="baseline" wrap>
                      <Typography.Text strong>{e.name}</Typography.Text>
                      {e.relation && <Typography.Text type="secondary">（{e.relation}）</Typography.Text>}
                      <span style={numberStyle}>{e.phone}</span>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
        <Col span={24}>
          <Card title={t('customer.units')} size={isMobile ? 'small' : 'medium'}>
            {units.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noUnits')} />
            ) : (
              <Table<UnitLink>
                rowKey="occupancyId"
                columns={unitColumns}
                dataSource={units}
                pagination={false}
                size="small"
                scroll={{ x: 'max-content' }}
                rowClassName={(u) => (u.moveOutDate ? 'gj-row-muted' : '')}
                onRow={() => testId<React.HTMLAttributes<HTMLElement>>('customer-unit-row')}
              />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <ArchivePanel customer={c} contacts={contacts} emergency={emergency} writable={writable} />
        </Col>
      </Row>
      <CustomerPrint customer={c} archive={archive.data} phone={phone} idNumber={idNumber} contacts={contacts} emergency={emergency} />
      <RevealModal customerId={c.id} open={revealOpen} onClose={() => setRevealOpen(false)} onRevealed={setRevealed} />
      {writable && (
        <>
          <CustomerEditModal
            customer={c}
            revealed={revealed}
            open={editOpen}
            onClose={() => setEditOpen(false)}
            onSaved={() => setRevealed(null)}
          />
          <LinkUnitModal customer={c} open={linkOpen} onClose={() => setLinkOpen(false)} />
          <MoveOutModal target={moveOut} customer={c} onClose={() => setMoveOut(null)} />
        </>
      )}
    </>
  );
}
