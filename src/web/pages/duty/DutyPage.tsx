import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { HandoverTab } from './HandoverTab.tsx';
import { LogTab } from './LogTab.tsx';
import { FactsTab, ReviewTab } from './ReviewTab.tsx';
import { RosterTab } from './RosterTab.tsx';

const tabs = ['roster', 'log', 'handover', 'review', 'facts'] as const;
type DutyTab = (typeof tabs)[number];

/** 24-hour duty (值班): roster and coverage, duty log, handover, morning review, monthly facts. */
export default function DutyPage() {
  const { t } = useI18n();
  const { project } = useStaff();
  const [params, setParams] = useSearchParams();
  const tab: DutyTab = tabs.includes(params.get('tab') as DutyTab) ? (params.get('tab') as DutyTab) : 'roster';
  const body = { roster: <RosterTab />, log: <LogTab />, handover: <HandoverTab />, review: <ReviewTab />, facts: <FactsTab /> }[tab];
  return (
    <>
      <PageHeader title={t('duty.title')} subtitle={project?.name} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={tabs.map((k) => ({ key: k, label: <span data-testid={`duty-tab-${k}`}>{t(`duty.tab.${k}`)}</span> }))}
      />
      {body}
    </>
  );
}
