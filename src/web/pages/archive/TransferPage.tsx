import { CheckCircleOutlined, CloudDownloadOutlined, CloudUploadOutlined, EyeOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Table, Typography, Upload } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { exportQuery, type ImportResult } from '../../../shared/archive.ts';
import { exportUrl, templateUrl, useImport } from '../../api/archive.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert, validForm } from '../../components/errors.tsx';
import { maxLengthOf, rulesFrom } from '../../components/formRules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useStaff } from '../../components/ProjectContext.tsx';
import { testId } from '../../components/testId.ts';
import { useI18n } from '../../i18n/index.tsx';

interface Problem {
  key: number;
  sheet: string;
  row: number | null;
  column: string;
  message: string;
}

/** The server names each problem 「sheet[row].column」; shown as a table the clerk can work down. */
function problemsOf(err: unknown): Problem[] {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED') return [];
  return err.fields.map((f, i) => {
    const m = /^(.+)\[(\d+)\]\.(.+)$/.exec(f.path);
    return m
      ? { key: i, sheet: m[1], row: Number(m[2]), column: m[3], message: f.message }
      : { key: i, sheet: '', row: null, column: f.path, message: f.message };
  });
}

function Counts({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={{ xs: 2, sm: 4 }} data-testid="import-counts">
      <Descriptions.Item label={t('transfer.buildings')}>{result.buildings}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.units')}>{result.units}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.customers')}>{result.customers}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.occupancies')}>{result.occupancies}</Descriptions.Item>
    </Descriptions>
  );
}

/** Excel in and out: the template, a checked all-or-nothing import, and an export masked unless revealed. */
export default function TransferPage() {
  const { t } = useI18n();
  const { projectId, project, can } = useStaff();
  const { message } = App.useApp();
  const run = useImport();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [revealOpen, setRevealOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const problems = problemsOf(error);

  const go = (dryRun: boolean) => {
    if (!file || !projectId) return;
    setError(null);
    setResult(null);
    run.mutate(
      { projectId, file, dryRun },
      {
        onSuccess: (r) => {
          setResult(r);
          if (!r.dryRun) void message.success(t('transfer.imported'));
        },
        onError: setError,
      },
    );
  };

  const download = (url: string) => {
    window.location.assign(url);
  };

  return (
    <>
      <PageHeader title={t('transfer.title')} subtitle={project?.name} />
      <Row gutter={[16, 16]}>
        {can('archive.import') && (
          <Col xs={24} xl={14}>
            <Card title={t('transfer.import')}>
              <Flex vertical gap={12}>
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t('transfer.importHelp')}
                </Typography.Paragraph>
                <Flex gap={8} wrap>
                  <Button icon={<FileExcelOutlined />} href={templateUrl} data-testid="download-template">
                    {t('transfer.template')}
                  </Button>
                  <Upload
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    maxCount={1}
                    showUploadList={false}
                    beforeUpload={(f) => {
                      setFile(f);
                      setError(null);
                      setResult(null);
                      return false;
                    }}
                  >
                    <Button icon={<CloudUploadOutlined />} data-testid="import-file">
                      {file ? file.name : t('transfer.chooseFile')}
                    </Button>
                  </Upload>
                  <Button
                    icon={<CheckCircleOutlined />}
                    disabled={!file}
                    loading={run.isPending && run.variables?.dryRun}
                    onClick={() => go(true)}
                    data-testid="import-check"
                  >
                    {t('transfer.check')}
                  </Button>
                  <Button
                    type="primary"
                    disabled={!file}
                    loading={run.isPending && !run.variables?.dryRun}
                    onClick={() => go(false)}
                    data-testid="import-run"
                  >
                    {t('transfer.run')}
                  </Button>
                </Flex>
                {result && (
                  <Alert
                    type="success"
                    showIcon
                    title={result.dryRun ? t('transfer.checked') : t('transfer.imported')}
                    description={<Counts result={result} />}
                    data-testid="import-result"
                  />
                )}
                {problems.length > 0 ? (
                  <>
                    <Alert type="error" showIcon title={t('transfer.failed', { count: problems.length })} data-testid="import-failed" />
                    <Table<Problem>
                      rowKey="key"
                      size="small"
                      dataSource={problems}
                      pagination={problems.length > 20 ? { pageSize: 20 } : false}
                      columns={[
                        { title: t('transfer.sheet'), dataIndex: 'sheet', width: 90 },
                        { title: t('transfer.row'), dataIndex: 'row', width: 70 },
                        { title: t('transfer.column'), dataIndex: 'column', width: 120 },
                        { title: t('transfer.problem'), dataIndex: 'message' },
                      ]}
                      onRow={() => testId<React.HTMLAttributes<HTMLElement>>('import-problem')}
                    />
                  </>
                ) : (
                  !!error && <ErrorAlert error={error} />
                )}
              </Flex>
            </Card>
          </Col>
        )}
        {can('archive.export') && (
          <Col xs={24} xl={10}>
            <Card title={t('transfer.export')}>
              <Flex vertical gap={12}>
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {can('customer.reveal') ? t('transfer.exportHelpReveal') : t('transfer.exportHelp')}
                </Typography.Paragraph>
                <Flex gap={8} wrap>
                  <Button
                    type="primary"
                    icon={<CloudDownloadOutlined />}
                    disabled={!projectId}
                    onClick={() => projectId && download(exportUrl(projectId))}
                    data-testid="export-masked"
                  >
                    {t('transfer.exportMasked')}
                  </Button>
                  {can('customer.reveal') && (
                    <Button icon={<EyeOutlined />} disabled={!projectId} onClick={() => setRevealOpen(true)} data-testid="export-full">
                      {t('transfer.exportFull')}
                    </Button>
                  )}
                </Flex>
              </Flex>
            </Card>
          </Col>
        )}
      </Row>
      <Modal
        open={revealOpen}
        title={t('transfer.exportFull')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setRevealOpen(false)}
        okButtonProps={testId<ButtonProps>('export-full-confirm')}
        onOk={async () => {
          const v = await validForm(form);
          if (!v || !projectId) return;
          download(exportUrl(projectId, { reason: v.reason.trim() }));
          setRevealOpen(false);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('customer.revealNote')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('customer.revealReason')}
            rules={[
              { required: true, whitespace: true, message: t('customer.revealReasonRequired') },
              ...rulesFrom(exportQuery.shape.reason),
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={maxLengthOf(exportQuery.shape.reason)}
              data-testid="export-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
