/** Operations of the bell (notifications) and the live event stream. */
import { idParam, noContent } from '../schemas.ts';
import { notificationPage, notificationsQuery } from '../tickets.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404);
const tags = ['notifications'];

export const notificationOperations = defineOperations({
  'GET /api/notifications': {
    operationId: 'listNotifications',
    summary: 'The caller’s notifications (the bell), newest first, with the unread count',
    tags,
    querystring: notificationsQuery,
    response: { 200: notificationPage, ...errors },
  },
  'POST /api/notifications/:id/read': {
    operationId: 'markNotificationRead',
    summary: 'Marks one of the caller’s notifications read',
    tags,
    params: idParam,
    response: { 204: noContent, ...errors },
  },
  'POST /api/notifications/read-all': {
    operationId: 'markAllNotificationsRead',
    summary: 'Marks all of the caller’s notifications read',
    tags,
    response: { 204: noContent, ...errors },
  },
  'GET /api/events': {
    operationId: 'streamLiveEvents',
    summary: 'Live events (text/event-stream)',
    tags,
  },
});
