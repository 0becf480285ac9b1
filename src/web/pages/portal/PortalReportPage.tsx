import { CameraOutlined, CloseCircleFilled, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Segmented, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { newIdempotencyKey, usePortalMutations, type PortalTicketCreate } from '../../api/desk.ts';
import { useHouseholds } from '../../api/hooks.ts';
import { ErrorAlert, validForm } from '../../components/errors.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { portalLimits } from './limits.ts';
import { useI18n } from '../../i18n/index.tsx';

const MAX_PHOTOS = 4;
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_SIDE = 1600;

interface Photo {
  key: string;
  file: File;
  url: string;
}

/**
 * Phone photos are often larger than the 5 MB the server takes: scale to at most 1600 px and
 * re-encode as JPEG. Falls back to the original when the browser cannot decode it.
 */
async function shrink(file: File): Promise<{ blob: Blob; name: string }> {
  if (file.size <= 600 * 1024 && file.type !== 'image/heic') return { blob: file, name: file.name };
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return { blob: file, name: file.name };
    return { blob, name: file.name.replace(/\.[^.]+$/, '') + '.jpg' };
  } catch {
    return { blob: file, name: file.name };
  }
}

type Kind = PortalTicketCreate['type'];

/** 我要报事: a repair, complaint or suggestion about one of the resident's homes, with photos. */
export default function PortalReportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const households = useHouseholds();
  const { create, upload } = usePortalMutations();
  const [form] = Form.useForm<{ type: Kind; unitId: number; description: string }>();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const submissionKey = useRef(newIdempotencyKey());

  const homes = useMemo(() => households.data ?? [], [households.data]);
  useEffect(() => {
    if (homes.length && !form.getFieldValue('unitId')) form.setFieldValue('unitId', homes[0].unitId);
  }, [homes, form]);
  // Previews live until the page closes (revoking on every change would blank the ones still shown).
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const pick = (files: FileList | null) => {
    const picked = Array.from(files ?? []).filter((f) => f.type.startsWith('image/'));
    const added = picked.map((file) => ({ key: `${file.name}-${file.size}-${Math.random()}`, file, url: URL.createObjectURL(file) }));
    urls.current.push(...added.map((p) => p.url));
    setPhotos((list) => [...list, ...added].slice(0, MAX_PHOTOS));
    if (input.current) input.current.value = '';
  };

  const submit = async () => {
    const v = await validForm(form);
    if (!v) return;
    setBusy(true);
    try {
      const ticket = await create.mutateAsync({
        body: { unitId: v.unitId, type: v.type, description: v.description.trim() },
        key: submissionKey.current,
      });
      submissionKey.current = newIdempotencyKey();
      // Photos go up after the ticket exists; one failing does not lose the report.
      let failed = 0;
      for (const p of photos) {
        try {
          const { blob, name } = await shrink(p.file);
          if (blob.size > MAX_BYTES) throw new Error('too big');
          await upload.mutateAsync({ id: ticket.id, file: blob, name });
        } catch {
          failed++;
        }
      }
      if (failed) void message.warning(t('portal.uploadFailed', { count: failed }));
      else void message.success(t('portal.submitted'));
      navigate(`/portal/tickets/${ticket.id}`, { replace: true });
    } catch {
      // the error shows under the form
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small" styles={{ body: { padding: 16 } }}>
        <PageHeader title={t('portal.reportTitle')} back="/portal" />
        {households.isPending ? (
          <Skeleton active />
        ) : (
          <Form form={form} layout="vertical" requiredMark={false} initialValues={{ type: 'repair' }} data-testid="portal-report-form">
            <Form.Item name="type" label={t('portal.kind')}>
              <Segmented
                block
                options={(['repair', 'complaint', 'suggestion'] as const).map((k) => ({
                  value: k,
                  label: <span data-testid={`portal-type-${k}`}>{t(`ticketType.${k}`)}</span>,
                }))}
              />
            </Form.Item>
            {homes.length > 1 && (
              <Form.Item name="unitId" label={t('portal.unit')}>
                <Select
                  options={homes.map((h) => ({ value: h.unitId, label: `${h.unitCode} · ${h.projectName}` }))}
                  data-testid="portal-unit"
                />
              </Form.Item>
            )}
            {homes.length <= 1 && (
              <Form.Item name="unitId" hidden>
                <Input />
              </Form.Item>
            )}
            {homes.length === 1 && (
              <Form.Item label={t('portal.unit')}>
                <Typography.Text strong data-testid="portal-unit-fixed">
                  {homes[0].unitCode} · {homes[0].projectName}
                </Typography.Text>
              </Form.Item>
            )}
            <Form.Item
              name="description"
              label={t('portal.description')}
              rules={[{ required: true, min: portalLimits.description.min, whitespace: true, message: t('portal.descriptionRequired') }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 4, maxRows: 8 }}
                maxLength={portalLimits.description.max}
                placeholder={t('portal.descriptionPlaceholder')}
                data-testid="portal-description"
              />
            </Form.Item>
            <Typography.Text>{t('portal.photos', { max: MAX_PHOTOS })}</Typography.Text>
            <div className="gj-photo-grid" data-testid="portal-photos">
              {photos.map((p) => (
                <div key={p.key} className="gj-photo" data-testid="portal-photo-preview">
                  <img src={p.url} alt="" />
                  <button
                    type="button"
                    aria-label={t('common.remove')}
                    onClick={() => setPhotos((list) => list.filter((x) => x.key !== p.key))}
                  >
                    <CloseCircleFilled />
                  </button>
                </div>
              ))}
              {photos.length < MAX_PHOTOS && (
                <button
                  type="button"
                  className="gj-photo gj-photo-add"
                  onClick={() => input.current?.click()}
                  data-testid="portal-add-photo"
                >
                  <CameraOutlined style={{ fontSize: 22 }} />
                  <span>{t('portal.addPhoto')}</span>
                </button>
              )}
            </div>
            <input
              ref={input}
              type="file"
              accept="image/*"
              multiple
              style={{ display: 'none' }}
              onChange={(e) => pick(e.target.files)}
              data-testid="portal-photo-input"
            />
            {create.isError && <ErrorAlert error={create.error} style={{ marginTop: 12 }} />}
            <Button
              type="primary"
              size="large"
              block
              icon={<SendOutlined />}
              loading={busy}
              onClick={() => void submit()}
              style={{ marginTop: 16 }}
              data-testid="portal-submit"
            >
              {t('common.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </Flex>
  );
}
