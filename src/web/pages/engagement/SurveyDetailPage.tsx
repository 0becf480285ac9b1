import { DownloadOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Radio, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useParams } from 'react-router';
import { useState } from 'react';
import { surveyAnswerInput } from '../../../shared/engagement.ts';
import { useSurvey, useSurveyMutations, useSurveyResults, type SurveyDetail, type SurveyResults } from '../../api/engagement.ts';
import { applyFieldErrors, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf } from '../../components/formRules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrintArea, printDocument } from '../../components/PrintArea.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { pct, surveyStatusColor } from './SurveysPage.tsx';

/** One survey: distribution (portal link, printed notice), paper entry, results and export. */
export default function SurveyDetailPage() {
  const { t } = useI18n();
  const { can } = useStaff();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const survey = useSurvey(id);
  const results = useSurveyResults(id);
  const { transition } = useSurveyMutations();
  const [paper, setPaper] = useState(false);
  const s = survey.data;
  if (survey.isError) return <LoadError error={survey.error} onRetry={() => void survey.refetch()} />;
  if (!s) return null;
  const link = `${window.location.origin}${s.portalPath}`;
  const act = (action: 'open' | 'close') =>
    transition.mutate({ id, action }, { onSuccess: () => void results.refetch(), onError: (err) => void message.error(errorText(t, err)) });
  return (
    <>
      <PageHeader
        back="/surveys"
        title={s.title}
        subtitle={
          <Tag color={surveyStatusColor[s.status]} data-testid="survey-status">
            {t(`engage.surveyStatus.${s.status}`)}
          </Tag>
        }
        extra={
          <Flex gap={8} wrap>
            {can('survey.manage') && s.status === 'draft' && (
              <Button type="primary" onClick={() => act('open')} loading={transition.isPending} data-testid="survey-open">
                {t('engage.survey.open')}
              </Button>
            )}
            {can('survey.manage') && s.status === 'open' && (
              <Button onClick={() => act('close')} loading={transition.isPending} data-testid="survey-close">
                {t('engage.survey.close')}
              </Button>
            )}
            {can('survey.enter') && s.status === 'open' && (
              <Button icon={<EditOutlined />} onClick={() => setPaper(true)} data-testid="survey-paper">
                {t('engage.survey.paper')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={`/api/surveys/${id}/results?format=xlsx`} data-testid="survey-export">
              {t('engage.survey.export')}
            </Button>
          </Flex>
        }
      />
      {s.status !== 'draft' && (
        <Card size="small" style={{ marginBottom: 12 }} title={t('engage.survey.distribution')}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text copyable data-testid="survey-link">
              {link}
            </Typography.Text>
            <Button icon={<PrinterOutlined />} onClick={() => printDocument('survey-notice')}>
              {t('engage.survey.printNotice')}
            </Button>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('engage.survey.noQr')}
          </Typography.Paragraph>
        </Card>
      )}
      {results.isError ? (
        <LoadError error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        results.data && <Results r={results.data} />
      )}
      {paper && <PaperModal survey={s} onClose={() => setPaper(false)} onSaved={() => void results.refetch()} />}
      <PrintArea name="survey-notice">
        <div className="gj-doc gj-letter">
          <h1>{t('engage.survey.noticeTitle')}</h1>
          <p>{t('engage.survey.noticeDear')}</p>
          <p>{t('engage.survey.noticeBody', { title: s.title })}</p>
          {s.intro && <p>{s.intro}</p>}
          <p style={{ fontSize: '14pt', fontWeight: 600, wordBreak: 'break-all' }}>{link}</p>
          <p>{t('engage.survey.noticePaper')}</p>
        </div>
      </PrintArea>
    </>
  );
}

function Results({ r }: { r: SurveyResults }) {
  const { t } = useI18n();
  const columns: TableColumnsType<SurveyResults['questions'][number]> = [
    { title: '#', dataIndex: 'seq', width: 50 },
    { title: t('engage.survey.question'), dataIndex: 'text' },
    { title: t('engage.survey.dimension'), dataIndex: 'dimension', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('engage.survey.answered'), dataIndex: 'answered', width: 80 },
    { title: t('engage.survey.average'), dataIndex: 'average', width: 80, render: (v: number | null) => v ?? '—' },
    { title: t('engage.survey.satisfied'), dataIndex: 'satisfiedRate', width: 90, render: (v: number | null) => pct(v) },
    {
      title: t('engage.survey.breakdown'),
      key: 'breakdown',
      render: (_, q) =>
        q.kind === 'rating'
          ? q.ratingCounts.map((n, i) => `${i + 1}★ ${n}`).join('  ')
          : q.kind === 'choice'
            ? q.choiceCounts.map((c) => `${c.option} ${c.count}`).join('  ')
            : q.texts.slice(0, 3).join(' / '),
    },
  ];
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={32} wrap>
          <Statistic
            title={t('engage.survey.rate')}
            value={pct(r.satisfactionRate)}
            valueStyle={{ color: r.satisfactionRate !== null && r.satisfactionRate < r.target ? '#cf1322' : '#389e0d' }}
          />
          <Statistic title={t('engage.survey.target')} value={pct(r.target)} />
          <Statistic title={t('engage.survey.responses')} value={`${r.responses} / ${r.households}`} />
          <Statistic
            title={t('engage.survey.channels')}
            value={t('engage.survey.byChannel', { portal: r.byChannel.portal, paper: r.byChannel.paper })}
          />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="survey-rate" data-rate={r.satisfactionRate ?? ''}>
          {t('engage.survey.rateHint', { min: r.satisfiedMinRating })}
        </Typography.Text>
      </Card>
      <Card size="small" title={t('engage.survey.dimensions')} style={{ marginBottom: 12 }}>
        {r.dimensions.length === 0 ? (
          <Empty />
        ) : (
          <Table
            rowKey="dimension"
            size="small"
            pagination={false}
            dataSource={r.dimensions}
            columns={[
              { title: t('engage.survey.dimension'), dataIndex: 'dimension' },
              { title: t('engage.survey.answered'), dataIndex: 'answered' },
              { title: t('engage.survey.average'), dataIndex: 'average', render: (v: number | null) => v ?? '—' },
              { title: t('engage.survey.satisfied'), dataIndex: 'satisfiedRate', render: (v: number | null) => pct(v) },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('engage.survey.questions')}>
        <Table rowKey="questionId" size="small" pagination={false} dataSource={r.questions} columns={columns} />
      </Card>
    </>
  );
}

/** A paper questionnaire keyed in for a household. */
function PaperModal({ survey, onClose, onSaved }: { survey: SurveyDetail; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ unitId: number; answers: Record<string, number | string | undefined> }>();
  const { paper } = useSurveyMutations();
  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    paper.mutate(
      {
        id: survey.id,
        unitId: v.unitId,
        answers: survey.questions
          .filter((q) => v.answers?.[q.id] !== undefined && v.answers[q.id] !== '')
          .map((q) => ({
            questionId: q.id,
            ...(q.kind === 'rating'
              ? { rating: Number(v.answers[q.id]) }
              : q.kind === 'choice'
                ? { choice: String(v.answers[q.id]) }
                : { text: String(v.answers[q.id]) }),
          })),
      },
      {
        onSuccess: () => {
          void message.success(t('engage.survey.paperSaved'));
          form.resetFields();
          onSaved();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err).length) void message.error(errorText(t, err));
        },
      },
    );
  };
  return (
    <Modal
      open
      width={640}
      title={t('engage.survey.paper')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={paper.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('engage.survey.paperHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="unitId" label={t('engage.visit.unit')} rules={[{ required: true }]}>
          <UnitPicker projectId={survey.projectId} testId="paper-unit" />
        </Form.Item>
        {survey.questions.map((q) => (
          <Form.Item key={q.id} name={['answers', String(q.id)]} label={`${q.seq}. ${q.text}`} rules={[{ required: q.required }]}>
            {q.kind === 'rating' ? (
              <Radio.Group options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))} />
            ) : q.kind === 'choice' ? (
              <Select options={q.options.map((o) => ({ value: o, label: o }))} />
            ) : (
              <Input.TextArea rows={2} maxLength={maxLengthOf(surveyAnswerInput.shape.text)} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
