import { LikeOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useAdoptedSuggestions } from '../../api/desk.ts';
import { LoadError } from '../../components/errors.tsx';
import { formatDate } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrintArea, printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** 爱我小区: the suggestions the director adopted, crediting the residents, printable as an A4 notice (公告). */
export default function AdoptedSuggestionsPage() {
  const { t } = useI18n();
  const { me, project, projectId } = useStaff();
  const adopted = useAdoptedSuggestions(projectId, false);
  const items = adopted.data ?? [];
  const projectName = project?.name ?? '';

  return (
    <>
      <PageHeader
        title={t('adopted.title')}
        subtitle={projectName}
        extra={
          <Button
            icon={<PrinterOutlined />}
            disabled={items.length === 0}
            onClick={() => printDocument('adopted-notice')}
            data-testid="adopted-print"
          >
            {t('adopted.print')}
          </Button>
        }
      />
      <Card size="small">
        {adopted.isError ? (
          <LoadError error={adopted.error} onRetry={() => void adopted.refetch()} />
        ) : adopted.isPending ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty description={t('adopted.empty')} />
        ) : (
          <Flex vertical gap={0} data-testid="adopted-list">
            {items.map((a, i) => (
              <Flex
                key={a.ticketId}
                gap={12}
                align="start"
                style={{ padding: '12px 4px', borderTop: i ? '1px solid #f0f0f0' : undefined }}
                data-testid="adopted-item"
              >
                <LikeOutlined style={{ color: '#16a34a', fontSize: 18, marginTop: 3 }} />
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph>
                  <Flex wrap gap={12} style={{ marginTop: 4 }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('adopted.by', { name: a.residentName ?? '—', unit: a.unitCode ?? '—' })}
                    </Typography.Text>
                    {a.adoptedAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('adopted.adoptedAt', { date: formatDate(a.adoptedAt) })}
                      </Typography.Text>
                    )}
                    <Link to={`/tickets/${a.ticketId}?projectId=${a.projectId}`} style={{ fontSize: 12 }}>
                      {a.number}
                    </Link>
                  </Flex>
                </div>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
      {items.length > 0 && (
        <PrintArea name="adopted-notice">
          <div className="gj-doc gj-letter" data-testid="adopted-notice">
            <div className="gj-doc-company">{me.companyName}</div>
            <h1>{t('adopted.noticeTitle')}</h1>
            <div className="gj-doc-sub">{t('adopted.noticeSub')}</div>
            <div style={{ marginBottom: '3mm' }}>{t('adopted.noticeDear')}</div>
            <p>{t('adopted.noticeIntro', { project: projectName })}</p>
            <table style={{ fontSize: '11pt', lineHeight: 1.6 }}>
              <thead>
                <tr>
                  <th style={{ width: '12mm', textAlign: 'center' }}>{t('adopted.seq')}</th>
                  <th style={{ width: 'auto' }}>{t('adopted.suggestion')}</th>
                  <th style={{ width: '36mm' }}>{t('adopted.resident')}</th>
                  <th style={{ width: '26mm' }}>{t('adopted.date')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a, i) => (
                  <tr key={a.ticketId}>
                    <td style={{ textAlign: 'center' }}>{i + 1}</td>
                    <td>{a.description}</td>
                    <td>
                      {a.residentName ?? ''}
                      {a.unitCode ? `（${a.unitCode}）` : ''}
                    </td>
                    <td>{formatDate(a.adoptedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p style={{ marginTop: '4mm' }}>{t('adopted.noticeThanks')}</p>
            <div className="gj-sign">
              <div>{me.companyName}</div>
              <div>{t('letter.sign', { project: projectName })}</div>
              <div>{dayjs().format('YYYY-MM-DD')}</div>
            </div>
          </div>
        </PrintArea>
      )}
    </>
  );
}
