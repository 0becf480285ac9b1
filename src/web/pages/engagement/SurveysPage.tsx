import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Statistic, Switch, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { testId } from '../../components/testId.ts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { surveyCreate, surveyQuestionInput } from '../../../shared/engagement.ts';
import { surveyQuestionKinds, type SurveyQuestionKind } from '../../../shared/enums.ts';
import { useSurveyMutations, useSurveys, useYearSatisfaction, type SurveyView } from '../../api/engagement.ts';
import { useBuildings } from '../../api/hooks.ts';
import { applyFieldErrors, errorText, LoadError, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { formatDate } from '../../components/labels.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { useI18n } from '../../i18n/index.tsx';

const question = surveyQuestionInput.shape;

export const surveyStatusColor = { draft: 'default', open: 'green', closed: 'blue' } as const;
export const pct = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);

/** 满意度调查: questionnaires of the project and the year's satisfaction rate against the target. */
export default function SurveysPage() {
  const { t } = useI18n();
  const { projectId, project, can } = useStaff();
  const year = new Date().getFullYear();
  const list = useSurveys(projectId);
  const satisfaction = useYearSatisfaction(projectId, year);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [building, setBuilding] = useState(false);
  const mine = satisfaction.data?.items.find((i) => i.projectId === projectId);
  const columns: TableColumnsType<SurveyView> = [
    {
      title: t('engage.survey.title'),
      dataIndex: 'title',
      render: (_, s) => (
        <Link to={`/surveys/${s.id}`} data-testid="survey-link">
          {s.title}
        </Link>
      ),
    },
    {
      title: t('engage.survey.status'),
      dataIndex: 'status',
      width: 100,
      render: (_, s) => <Tag color={surveyStatusColor[s.status]}>{t(`engage.surveyStatus.${s.status}`)}</Tag>,
    },
    { title: t('engage.survey.responses'), dataIndex: 'responses', width: 100 },
    { title: t('engage.survey.opened'), dataIndex: 'openedAt', width: 120, render: (v: string | null) => formatDate(v) },
  ];
  return (
    <>
      <PageHeader
        title={t('engage.survey.pageTitle')}
        subtitle={project?.name}
        extra={
          can('survey.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setBuilding(true)} data-testid="survey-new">
              {t('engage.survey.new')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="year-satisfaction">
        <Flex gap={32} wrap>
          <Statistic
            title={t('engage.survey.yearRate', { year })}
            value={pct(mine?.satisfactionRate ?? null)}
            valueStyle={{ color: mine?.met === false ? '#cf1322' : undefined }}
          />
          <Statistic title={t('engage.survey.target')} value={pct(satisfaction.data?.target ?? null)} />
          <Statistic title={t('engage.survey.responses')} value={mine?.responses ?? 0} />
          {mine?.met === false && <Tag color="red">{t('engage.survey.belowTarget')}</Tag>}
          {mine?.met === true && <Tag color="green">{t('engage.survey.metTarget')}</Tag>}
        </Flex>
      </Card>
      <Card size="small">
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<SurveyView> rowKey="id" size="small" loading={list.isPending} columns={columns} dataSource={rows} pagination={false} />
        )}
      </Card>
      {building && projectId && <SurveyBuilder projectId={projectId} onClose={() => setBuilding(false)} />}
    </>
  );
}

interface BuilderForm {
  title: string;
  intro?: string;
  buildingIds?: number[];
  questions: { kind: SurveyQuestionKind; text: string; dimension?: string; options?: string; required?: boolean }[];
}

/** The questionnaire builder: rating questions (each in a dimension), choices, free text. */
function SurveyBuilder({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<BuilderForm>();
  const buildings = useBuildings(projectId);
  const { create } = useSurveyMutations();
  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    create.mutate(
      {
        projectId,
        title: v.title,
        intro: v.intro || undefined,
        buildingIds: v.buildingIds?.length ? v.buildingIds : undefined,
        questions: (v.questions ?? []).map((q) => ({
          kind: q.kind,
          text: q.text,
          dimension: q.kind === 'rating' ? q.dimension : undefined,
          options:
            q.kind === 'choice'
              ? (q.options ?? '')
                  .split(/[\n,，、]/)
                  .map((x) => x.trim())
                  .filter(Boolean)
              : undefined,
          required: q.required ?? true,
        })),
      },
      {
        onSuccess: (s) => {
          void message.success(t('common.saved'));
          onClose();
          void navigate(`/surveys/${s.id}`);
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
      width={760}
      title={t('engage.survey.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      okButtonProps={testId<ButtonProps>('survey-create-ok')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ questions: [{ kind: 'rating', required: true }] }}>
        <Form.Item name="title" label={t('engage.survey.title')} rules={rulesFrom(surveyCreate.shape.title)}>
          <Input maxLength={maxLengthOf(surveyCreate.shape.title)} data-testid="survey-title" />
        </Form.Item>
        <Form.Item name="intro" label={t('engage.survey.intro')} rules={rulesFrom(surveyCreate.shape.intro)}>
          <Input.TextArea rows={2} maxLength={maxLengthOf(surveyCreate.shape.intro)} />
        </Form.Item>
        <Form.Item name="buildingIds" label={t('engage.survey.buildings')} extra={t('engage.survey.buildingsHint')}>
          <Select mode="multiple" allowClear options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Typography.Text strong>{t('engage.survey.questions')}</Typography.Text>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginTop: 8 }}
                  title={`${i + 1}.`}
                  extra={
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  }
                >
                  <Flex gap={8} wrap>
                    <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]} style={{ width: 120 }}>
                      <Select
                        options={surveyQuestionKinds.map((k) => ({ value: k, label: t(`engage.questionKind.${k}`) }))}
                        data-testid="question-kind"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'text']} rules={rulesFrom(question.text)} style={{ flex: 1, minWidth: 220 }}>
                      <Input
                        placeholder={t('engage.survey.questionText')}
                        maxLength={maxLengthOf(question.text)}
                        data-testid="question-text"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked">
                      <Switch checkedChildren={t('engage.survey.required')} unCheckedChildren={t('engage.survey.optional')} />
                    </Form.Item>
                  </Flex>
                  <Form.Item noStyle dependencies={[['questions', field.name, 'kind']]}>
                    {() => {
                      const kind = form.getFieldValue(['questions', field.name, 'kind']) as SurveyQuestionKind;
                      if (kind === 'rating')
                        return (
                          <Form.Item
                            name={[field.name, 'dimension']}
                            rules={[{ required: true }, ...rulesFrom(question.dimension)]}
                            style={{ marginBottom: 0 }}
                          >
                            <Input
                              placeholder={t('engage.survey.dimension')}
                              maxLength={maxLengthOf(question.dimension)}
                              data-testid="question-dimension"
                            />
                          </Form.Item>
                        );
                      if (kind === 'choice')
                        return (
                          <Form.Item name={[field.name, 'options']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                            <Input placeholder={t('engage.survey.options')} />
                          </Form.Item>
                        );
                      return null;
                    }}
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'rating', required: true })}
                style={{ marginTop: 8 }}
                data-testid="question-add"
              >
                {t('engage.survey.addQuestion')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
