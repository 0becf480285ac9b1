import { HomeFilled, ToolOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import type { Household } from '../../../shared/schemas.ts';
import { useAdoptedSuggestions } from '../../api/desk.ts';
import { useHouseholds } from '../../api/hooks.ts';
import { LoadError } from '../../components/errors.tsx';
import { RelationTag } from '../../components/labels.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PortalSurveyList } from './PortalSurveyPage.tsx';

/** 我的房屋: the resident's households, one card each. */
export default function PortalHomePage() {
  const { t } = useI18n();
  const households = useHouseholds();
  const navigate = useNavigate();

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('portal.households')} styles={{ body: { padding: 12 } }}>
        {households.isError ? (
          <LoadError error={households.error} onRetry={() => void households.refetch()} />
        ) : households.isPending ? (
          <Skeleton active />
        ) : households.data.length === 0 ? (
          <Empty description={t('portal.noHouseholds')} />
        ) : (
          <Flex vertical gap={12}>
            {households.data.map((h) => (
              <HouseholdCard key={`${h.unitId}-${h.relation}`} household={h} />
            ))}
          </Flex>
        )}
      </Card>
      <PortalSurveyList />
      {households.data?.[0] && <AdoptedList projectId={households.data[0].projectId} />}
      <Card size="small" title={t('portal.services')}>
        <div className="gj-portal-actions">
          <button type="button" className="gj-portal-action" onClick={() => navigate('/portal/report')} data-testid="portal-report">
            <ToolOutlined />
            {t('portal.report')}
            <small>{t('portal.reportHint')}</small>
          </button>
          <button type="button" className="gj-portal-action" onClick={() => navigate('/portal/tickets')} data-testid="portal-my-tickets">
            <UnorderedListOutlined />
            {t('portal.myTickets')}
            <small>{t('portal.myTicketsHint')}</small>
          </button>
        </div>
      </Card>
    </Flex>
  );
}

function AdoptedList({ projectId }: { projectId: number }) {
  const { t } = useI18n();
  const adopted = useAdoptedSuggestions(projectId, true);
  if (!adopted.data?.length) return null;
  return (
    <Card size="small" title={t('portal.adopted')} data-testid="portal-adopted">
      <Flex vertical gap={8}>
        {adopted.data.slice(0, 5).map((a) => (
          <div key={a.ticketId}>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {a.description}
            </Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('portal.adoptedBy', { name: a.residentName ?? '—', unit: a.unitCode ?? '' })}
            </Typography.Text>
          </div>
        ))}
      </Flex>
    </Card>
  );
}

function HouseholdCard({ household: h }: { household: Household }) {
  const { t } = useI18n();
  return (
    <div
      data-testid="household-card"
      style={{ border: '1px solid #e6ebf5', borderRadius: 10, padding: 14, background: 'linear-gradient(180deg, #f7faff 0%, #fff 60%)' }}
    >
      <Flex align="center" gap={12}>
        <span
          style={{
            width: 44,
            height: 44,
            borderRadius: 12,
            background: '#e8efff',
            color: '#1d4ed8',
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: 20,
            flex: 'none',
          }}
        >
          <HomeFilled />
        </span>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong style={{ fontSize: 17 }} data-testid="household-unit">
            {h.unitCode}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {h.projectName} · {h.buildingName}
            </Typography.Text>
          </div>
        </div>
        <RelationTag relation={h.relation} />
      </Flex>
      <Flex gap={24} style={{ marginTop: 12 }}>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('portal.area')}
          </Typography.Text>
          <div>{t('common.area', { value: h.areaM2 })}</div>
        </div>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('portal.myRelation')}
          </Typography.Text>
          <div>{t(`relation.${h.relation}`)}</div>
        </div>
      </Flex>
      {h.members.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('portal.members')}
          </Typography.Text>
          <Flex wrap gap={6} style={{ marginTop: 4 }}>
            {h.members.map((m, i) => (
              <Tag key={`${m.name}-${i}`} style={{ marginInlineEnd: 0 }}>
                {m.name} · {t(`relation.${m.relation}`)}
              </Tag>
            ))}
          </Flex>
        </div>
      )}
    </div>
  );
}
