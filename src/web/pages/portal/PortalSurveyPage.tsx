import { CheckCircleFilled } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, Input, Radio, Result, Select, Skeleton, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useState } from 'react';
import { usePortalAnswer, usePortalSurvey, usePortalSurveys } from '../../api/engagement.ts';
import { applyFieldErrors, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { portalLimits } from './limits.ts';

/** The resident's open surveys, on the portal home page. */
export function PortalSurveyList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const surveys = usePortalSurveys();
  if (!surveys.data?.length) return null;
  return (
    <Card size="small" title={t('portal.surveys')} data-testid="portal-surveys">
      <Flex vertical gap={8}>
        {surveys.data.map((s) => (
          <Flex key={s.id} justify="space-between" align="center" gap={8}>
            <Typography.Text>{s.title}</Typography.Text>
            {s.pending > 0 ? (
              <Button type="primary" size="small" onClick={() => navigate(`/portal/surveys/${s.id}`)} data-testid="portal-survey-answer">
                {t('portal.surveyAnswer')}
              </Button>
            ) : (
              <Typography.Text type="success">{t('portal.surveyThanks')}</Typography.Text>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/** 满意度调查: one question per card, big touch targets for a phone (390 px). */
export default function PortalSurveyPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const survey = usePortalSurvey(id);
  const answer = usePortalAnswer(id);
  const [form] = Form.useForm<{ unitId: number; answers: Record<string, number | string | undefined> }>();
  const [sent, setSent] = useState(false);
  if (survey.isError) return <LoadError error={survey.error} />;
  if (survey.isPending) return <Skeleton active />;
  const s = survey.data;
  const pending = s.households.filter((h) => !h.answered);
  if (sent || !pending.length)
    return (
      <Result
        icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
        title={t('portal.surveyThanks')}
        subTitle={s.title}
        data-testid="portal-survey-done"
      />
    );
  if (s.status !== 'open') return <Empty description={t('portal.surveyClosed')} />;
  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    answer.mutate(
      {
        unitId: v.unitId,
        answers: s.questions
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
        onSuccess: () => setSent(true),
        onError: (err) => {
          if (!applyFieldErrors(form, err).length) void message.error(errorText(t, err));
        },
      },
    );
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ unitId: pending[0].unitId }}>
      <Flex vertical gap={12}>
        <Card size="small">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {s.title}
          </Typography.Title>
          {s.intro && <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>}
          <Form.Item name="unitId" label={t('portal.surveyHousehold')} style={{ marginBottom: 0 }}>
            <Select size="large" options={pending.map((h) => ({ value: h.unitId, label: h.unitCode }))} />
          </Form.Item>
        </Card>
        {s.questions.map((q) => (
          <Card key={q.id} size="small">
            <Form.Item
              name={['answers', String(q.id)]}
              label={`${q.seq}. ${q.text}`}
              rules={[{ required: q.required, message: t('portal.surveyRequired') }]}
              style={{ marginBottom: 0 }}
            >
              {q.kind === 'rating' ? (
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  style={{ display: 'flex' }}
                  options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n), style: { flex: 1, textAlign: 'center' } }))}
                  data-testid={`rating-${q.seq}`}
                />
              ) : q.kind === 'choice' ? (
                <Radio.Group
                  options={q.options.map((o) => ({ value: o, label: o }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                />
              ) : (
                <Input.TextArea rows={3} maxLength={portalLimits.surveyText.max} />
              )}
            </Form.Item>
            {q.kind === 'rating' && (
              <Flex justify="space-between">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('portal.ratingLow')}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('portal.ratingHigh')}
                </Typography.Text>
              </Flex>
            )}
          </Card>
        ))}
        <Button
          type="primary"
          size="large"
          block
          loading={answer.isPending}
          onClick={() => void submit()}
          data-testid="portal-survey-submit"
        >
          {t('portal.surveySubmit')}
        </Button>
      </Flex>
    </Form>
  );
}
