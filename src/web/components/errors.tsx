import { Alert, Button, Result } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import { useI18n, type MessageKey, type Translate } from '../i18n/index.tsx';

export interface DescribedError {
  /** A sentence in the user's language for the error code. */
  title: string;
  /** The server's own message, when it says more than the title. */
  detail?: string;
}

/** Turns any thrown value into words for the screen; the API's `error.message` is never hidden. */
export function describeError(t: Translate, err: unknown): DescribedError {
  if (err instanceof ApiError) {
    if (err.code === NETWORK_ERROR) return { title: t('error.network') };
    const key = `error.code.${err.code}` as MessageKey;
    const known = t(key);
    if (known !== key) return { title: known, detail: err.message && err.message !== known ? err.message : undefined };
    return { title: err.message || t('error.title') };
  }
  if (err instanceof Error) return { title: err.message };
  return { title: t('error.title') };
}

/** One line for a toast: the localized sentence plus the server's detail. */
export function errorText(t: Translate, err: unknown): string {
  const d = describeError(t, err);
  return d.detail ? `${d.title}（${d.detail}）` : d.title;
}

/** Puts the API's `error.fields[].path` messages on the matching form items; returns the rest. */
export function applyFieldErrors<T>(form: FormInstance<T>, err: unknown, knownFields?: readonly string[]): string[] {
  if (!(err instanceof ApiError) || err.fields.length === 0) return [];
  const leftover: string[] = [];
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const field of err.fields) {
    const name = field.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const top = String(name[0]);
    if (knownFields && !knownFields.includes(top)) {
      leftover.push(`${field.path}: ${field.message}`);
      continue;
    }
    const entry = byPath.get(field.path) ?? { name, errors: [] };
    entry.errors.push(field.message);
    byPath.set(field.path, entry);
  }
  form.setFields([...byPath.values()] as Parameters<FormInstance<T>['setFields']>[0]);
  return leftover;
}

export function ErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const { t } = useI18n();
  if (!error) return null;
  const d = describeError(t, error);
  const fields = error instanceof ApiError ? error.fields : [];
  const description: ReactNode =
    d.detail || fields.length ? (
      <div>
        {d.detail && <div>{d.detail}</div>}
        {fields.length > 0 && (
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
            {fields.map((f) => (
              <li key={f.path + f.message}>
                <code>{f.path}</code> {f.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    ) : undefined;
  return <Alert type="error" showIcon title={d.title} description={description} style={style} data-testid="error-alert" />;
}

/** A whole-page failure (query error) with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const d = describeError(t, error);
  const notFound = error instanceof ApiError && error.status === 404;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Result
      status={notFound ? '404' : forbidden ? '403' : 'error'}
      title={notFound ? t('error.code.NOT_FOUND') : forbidden ? t('forbidden.title') : t('error.loadFailed')}
      subTitle={d.detail ? `${d.title} · ${d.detail}` : d.title}
      extra={
        onRetry && !notFound && !forbidden ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** validateFields without the rejected promise: null when the form shows its own errors. */
export async function validForm<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
