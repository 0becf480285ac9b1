import { EditOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Progress, Table, Tabs, Tag, Timeline, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  archiveSections,
  entrySections,
  type ArchiveEntry,
  type ArchiveFile,
  type ArchiveSection,
  type CompletenessResult,
  type CustomerArchive,
  type EntrySection,
} from '../../../shared/archive.ts';
import { fileUrl } from '../../../shared/files.ts';
import type { Customer } from '../../../shared/schemas.ts';
import { useArchive, useArchiveMutations } from '../../api/archive.ts';
import { LoadError, errorText } from '../../components/errors.tsx';
import { formatDate, formatDateTime } from '../../components/labels.tsx';
import { StatusTag } from '../../components/ticketLabels.tsx';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TicketStatus } from '../../../shared/workflow.ts';
import { EntryModal } from './EntryModal.tsx';

type Contacts = Customer['contacts'];
type Emergency = Customer['emergencyContacts'];

const numberStyle = { fontVariantNumeric: 'tabular-nums' as const, letterSpacing: 0.3 };
const isEntrySection = (s: ArchiveSection): s is EntrySection => (entrySections as readonly string[]).includes(s);

export function CompletenessBadge({ result }: { result: CompletenessResult }) {
  const { t } = useI18n();
  const color = result.score >= 100 ? '#52c41a' : result.score >= 60 ? '#faad14' : '#ff4d4f';
  return (
    <Flex gap={12} align="center" wrap data-testid="completeness">
      <Progress
        type="circle"
        size={48}
        percent={result.score}
        strokeColor={color}
        format={(p) => <span data-testid="completeness-score">{p}</span>}
      />
      <Flex vertical gap={4}>
        <Typography.Text strong>{t('archive.completeness')}</Typography.Text>
        {result.missing.length === 0 ? (
          <Typography.Text type="success">{t('archive.complete')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {result.missing.map((m) => (
              <Tag key={m} color="red" data-testid={`missing-${m}`}>
                {m === 'contactWays'
                  ? t('archive.missing.contactWaysCount', { count: result.contactWays, required: result.requiredContactWays })
                  : t(`archive.missing.${m}`)}
              </Tag>
            ))}
          </Flex>
        )}
      </Flex>
    </Flex>
  );
}

function Files({ files }: { files: ArchiveFile[] }) {
  if (!files.length) return null;
  return (
    <Flex gap={8} wrap>
      {files.map((f) => (
        <a key={f.id} href={f.url} target="_blank" rel="noreferrer" data-testid="archive-file">
          <PaperClipOutlined /> {f.name}
        </a>
      ))}
    </Flex>
  );
}

function UploadButton({
  customerId,
  section,
  entryId,
  small,
}: {
  customerId: number;
  section: ArchiveSection;
  entryId?: number;
  small?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { upload } = useArchiveMutations(customerId);
  return (
    <Upload
      showUploadList={false}
      accept="image/jpeg,image/png,image/webp,application/pdf"
      beforeUpload={(file) => {
        upload.mutate(
          { file, section, entryId },
          {
            onSuccess: () => void message.success(t('archive.uploaded')),
            onError: (err) => void message.error(errorText(t, err)),
          },
        );
        return false;
      }}
    >
      <Button
        size="small"
        type={small ? 'link' : 'default'}
        icon={<UploadOutlined />}
        loading={upload.isPending}
        data-testid={entryId ? `upload-entry-${entryId}` : `upload-${section}`}
      >
        {small ? null : t('archive.upload')}
      </Button>
    </Upload>
  );
}

function EntriesTable({
  archive,
  section,
  writable,
  onEdit,
}: {
  archive: CustomerArchive;
  section: EntrySection;
  writable: boolean;
  onEdit: (entry: ArchiveEntry) => void;
}) {
  const { t } = useI18n();
  const rows = archive.entries.filter((e) => e.section === section);
  const money = section === 'payments' || section === 'violations';
  const columns: TableColumnsType<ArchiveEntry> = [
    { title: t('archive.date'), dataIndex: 'date', width: 110, render: formatDate },
    ...(section === 'payments' || section === 'violations' || section === 'correspondence'
      ? [
          {
            title: t('archive.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: ArchiveEntry['kind']) => (k ? <Tag>{t(`archive.kind.${k}`)}</Tag> : '—'),
          },
        ]
      : []),
    { title: t('archive.entryTitle'), dataIndex: 'title' },
    ...(money
      ? [
          {
            title: t('archive.amount'),
            dataIndex: 'amount',
            width: 110,
            align: 'right' as const,
            render: (v: number | null) => (v == null ? '—' : v.toFixed(2)),
          },
        ]
      : []),
    {
      title: t('archive.body'),
      dataIndex: 'body',
      render: (b: string | null, e) => (
        <Flex vertical gap={4}>
          {b && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{b}</Typography.Text>}
          <Files files={e.files} />
        </Flex>
      ),
    },
    { title: t('archive.by'), dataIndex: 'createdBy', width: 90, render: (c: ArchiveEntry['createdBy']) => c?.name ?? '—' },
  ];
  if (writable)
    columns.push({
      title: '',
      key: 'actions',
      width: 80,
      render: (_, e) => (
        <Flex gap={0}>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(e)} data-testid={`edit-entry-${e.id}`} />
          <UploadButton customerId={archive.customerId} section={section} entryId={e.id} small />
        </Flex>
      ),
    });
  return (
    <Table<ArchiveEntry>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.noEntries')} /> }}
      onRow={() => testId<React.HTMLAttributes<HTMLElement>>(`entry-${section}`)}
    />
  );
}

function TicketsTable({ archive, type }: { archive: CustomerArchive; type: 'repair' | 'complaint' }) {
  const { t } = useI18n();
  const rows = archive.tickets.filter((x) => x.type === type);
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.noTickets')} /> }}
      columns={[
        { title: t('archive.ticketNumber'), dataIndex: 'number', render: (n: string, r) => <Link to={`/tickets/${r.id}`}>{n}</Link> },
        { title: t('archive.receivedAt'), dataIndex: 'receivedAt', width: 150, render: formatDateTime },
        { title: t('archive.status'), dataIndex: 'status', width: 100, render: (s: string) => <StatusTag status={s as TicketStatus} /> },
        { title: t('archive.description'), dataIndex: 'description' },
      ]}
    />
  );
}

/** The 12 sections of the archive (seed 002 制度4) and one timeline, as tabs under the customer's record. */
export function ArchivePanel({
  customer,
  contacts,
  emergency,
  writable,
}: {
  customer: Customer;
  contacts: Contacts;
  emergency: Emergency;
  writable: boolean;
}) {
  const { t } = useI18n();
  const archive = useArchive(customer.id);
  const [adding, setAdding] = useState<EntrySection | null>(null);
  const [editing, setEditing] = useState<ArchiveEntry | null>(null);
  const [tab, setTab] = useState<string>('timeline');

  if (archive.isError)
    return (
      <Card>
        <LoadError error={archive.error} onRetry={() => void archive.refetch()} />
      </Card>
    );
  if (!archive.data) return <Card loading />;
  const a = archive.data;
  const count = (s: ArchiveSection): number => {
    if (isEntrySection(s)) return a.entries.filter((e) => e.section === s).length + a.files.filter((f) => f.section === s).length;
    if (s === 'contacts') return contacts.length;
    if (s === 'emergency') return emergency.length;
    return a.tickets.filter((x) => x.type === (s === 'repairs' ? 'repair' : 'complaint')).length;
  };

  const sectionBody = (s: ArchiveSection) => {
    const sectionFiles = a.files.filter((f) => f.section === s);
    const actions = writable && (
      <Flex gap={8} justify="flex-end" style={{ marginBottom: 8 }}>
        {isEntrySection(s) && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(s)} data-testid={`add-entry-${s}`}>
            {t('archive.addEntry')}
          </Button>
        )}
        <UploadButton customerId={customer.id} section={s} />
      </Flex>
    );
    let content: React.ReactNode;
    if (s === 'contacts') {
      content = (
        <Flex vertical gap={6}>
          <Typography.Text type={a.completeness.missing.includes('contactWays') ? 'danger' : 'secondary'}>
            {t('archive.contactWays', { count: a.completeness.contactWays, required: a.completeness.requiredContactWays })}
          </Typography.Text>
          {contacts.map((c, i) => (
            <Flex key={c.id ?? i} gap={8}>
              <Tag>{t(`contactKind.${c.kind}`)}</Tag>
              <span style={numberStyle}>{c.value}</span>
              {c.label && <Typography.Text type="secondary">{c.label}</Typography.Text>}
            </Flex>
          ))}
        </Flex>
      );
    } else if (s === 'emergency') {
      content = emergency.length ? (
        <Flex vertical gap={6}>
          {emergency.map((e, i) => (
            <Flex key={e.id ?? i} gap={8}>
              <Typography.Text strong>{e.name}</Typography.Text>
              {e.relation && <Typography.Text type="secondary">（{e.relation}）</Typography.Text>}
              <span style={numberStyle}>{e.phone}</span>
            </Flex>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="danger">{t('customer.noEmergency')}</Typography.Text>
      );
    } else if (s === 'repairs' || s === 'complaints') {
      content = <TicketsTable archive={a} type={s === 'repairs' ? 'repair' : 'complaint'} />;
    } else {
      content = (
        <>
          {s === 'organisation' && (
            <Flex gap={24} style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">
                {t('customer.legalRep')}：{customer.orgLegalRep ?? '—'}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('customer.contactPerson')}：{customer.orgContactPerson ?? '—'}
              </Typography.Text>
            </Flex>
          )}
          <EntriesTable archive={a} section={s} writable={writable} onEdit={setEditing} />
        </>
      );
    }
    return (
      <div data-testid={`section-${s}`}>
        {actions}
        {content}
        {sectionFiles.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Files files={sectionFiles} />
          </div>
        )}
      </div>
    );
  };

  const timeline = (
    <Timeline
      data-testid="archive-timeline"
      items={a.timeline.map((item, i) => ({
        key: i,
        color: item.kind === 'ticket' ? 'blue' : item.kind === 'entry' ? 'green' : 'gray',
        children: (
          <Flex vertical gap={2}>
            <Flex gap={8} wrap align="center">
              <Typography.Text type="secondary">{item.at.length > 10 ? formatDateTime(item.at) : item.at}</Typography.Text>
              {item.section && <Tag>{t(`archive.section.${item.section}`)}</Tag>}
              <Typography.Text strong>
                {item.kind === 'ticket' && item.refId ? (
                  <Link to={`/tickets/${item.refId}`}>{item.title}</Link>
                ) : item.kind === 'file' && item.refId ? (
                  <a href={fileUrl(item.refId)} target="_blank" rel="noreferrer" data-testid="archive-timeline-file">
                    {item.title}
                  </a>
                ) : (
                  item.title
                )}
              </Typography.Text>
              {item.kind !== 'ticket' && item.kind !== 'entry' && (
                <Typography.Text type="secondary">{t(`archive.timeline.${item.kind}`)}</Typography.Text>
              )}
            </Flex>
            {item.detail && item.kind !== 'move_in' && item.kind !== 'move_out' && (
              <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                {item.detail}
              </Typography.Text>
            )}
          </Flex>
        ),
      }))}
    />
  );

  return (
    <Card
      title={t('archive.title')}
      extra={<CompletenessBadge result={a.completeness} />}
      styles={{ header: { paddingBlock: 8 } }}
      data-testid="archive-panel"
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'timeline', label: <span data-testid="tab-timeline">{t('archive.timeline')}</span>, children: timeline },
          ...archiveSections.map((s, i) => ({
            key: s,
            label: (
              <span data-testid={`tab-${s}`}>
                {i + 1}. {t(`archive.section.${s}`)} <Typography.Text type="secondary">({count(s)})</Typography.Text>
              </span>
            ),
            children: sectionBody(s),
          })),
        ]}
      />
      {writable && <EntryModal customerId={customer.id} section={adding} onClose={() => setAdding(null)} />}
      {writable && (
        <EntryModal
          key={editing?.id ?? 0}
          customerId={customer.id}
          section={editing?.section ?? null}
          entry={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
