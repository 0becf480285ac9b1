/**
 * Live events of the staff app: one EventSource on /api/events (same-origin cookie) for the whole
 * session. Ticket changes refresh the lists that show them, notifications refresh the bell, and a
 * `major_alert` raises a red toast on every screen and joins the dashboard's alert list.
 */
import { AlertFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Typography } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { deskKeys, invalidateTickets, type MajorAlert } from '../api/desk.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatDateTime } from './labels.tsx';

interface LiveValue {
  /** Major alerts received since this page was opened, newest first. */
  alerts: MajorAlert[];
  connected: boolean;
  dismiss: (incidentId: number) => void;
}

const LiveContext = createContext<LiveValue>({ alerts: [], connected: false, dismiss: () => undefined });

export function useLive(): LiveValue {
  return useContext(LiveContext);
}

function parse<T>(e: MessageEvent): T | null {
  try {
    return JSON.parse(String(e.data)) as T;
  } catch {
    return null;
  }
}

/** `enabled`: only staff who read tickets listen (others have nothing to open from an alert). */
export function LiveEventsProvider({ children, enabled }: { children: ReactNode; enabled: boolean }) {
  const qc = useQueryClient();
  const { notification } = App.useApp();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [alerts, setAlerts] = useState<MajorAlert[]>([]);
  const [connected, setConnected] = useState(false);
  // Handlers read the latest translation and navigation without reopening the stream.
  const latest = useRef({ t, navigate, notification });
  useEffect(() => {
    latest.current = { t, navigate, notification };
  });

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events', { withCredentials: true });
    let pending: number | null = null;
    const changed = new Set<number>();
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);

    source.addEventListener('ticket_changed', (e) => {
      const data = parse<{ ticketId: number }>(e as MessageEvent);
      if (data?.ticketId) changed.add(data.ticketId);
      // Bursts (a sweep, a busy desk) become one refresh.
      if (pending === null) {
        pending = window.setTimeout(() => {
          pending = null;
          for (const id of changed) void qc.invalidateQueries({ queryKey: deskKeys.ticket(id) });
          changed.clear();
          invalidateTickets(qc);
        }, 400);
      }
    });

    source.addEventListener('notification', () => {
      void qc.invalidateQueries({ queryKey: deskKeys.notifications });
    });

    source.addEventListener('major_alert', (e) => {
      const data = parse<MajorAlert>(e as MessageEvent);
      if (!data) return;
      const alert: MajorAlert = { ...data, receivedAt: new Date().toISOString() };
      setAlerts((list) => [alert, ...list.filter((a) => a.incidentId !== alert.incidentId || a.ticketId !== alert.ticketId)].slice(0, 20));
      void qc.invalidateQueries({ queryKey: deskKeys.notifications });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      const { t: tr, navigate: go, notification: notify } = latest.current;
      const key = `major-${alert.incidentId}-${alert.ticketId}`;
      notify.error({
        key,
        duration: 0,
        placement: 'topRight',
        icon: <AlertFilled style={{ color: '#cf1322' }} />,
        className: 'gj-major-toast',
        title: (
          <span data-testid="major-alert-toast" style={{ color: '#a8071a', fontWeight: 600 }}>
            {tr('alert.major')} · {alert.number}
          </span>
        ),
        description: (
          <div>
            <Typography.Paragraph style={{ marginBottom: 4 }} ellipsis={{ rows: 3 }}>
              {alert.title}
            </Typography.Paragraph>
            {alert.committedReplyAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tr('alert.committed', { at: formatDateTime(alert.committedReplyAt) })}
              </Typography.Text>
            )}
          </div>
        ),
        actions: (
          <Button
            danger
            type="primary"
            size="small"
            onClick={() => {
              notify.destroy(key);
              go(`/tickets/${alert.ticketId}${alert.projectId ? `?projectId=${alert.projectId}` : ''}`);
            }}
            data-testid="major-alert-open"
          >
            {tr('alert.open')}
          </Button>
        ),
      });
    });

    return () => {
      if (pending !== null) clearTimeout(pending);
      source.close();
    };
  }, [qc, enabled]);

  const dismiss = useCallback((incidentId: number) => setAlerts((list) => list.filter((a) => a.incidentId !== incidentId)), []);
  const value = useMemo(() => ({ alerts, connected, dismiss }), [alerts, connected, dismiss]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
