/** Operations of sessions: staff and resident login, the caller, logout, password change. */
import { changePasswordBody, loginBody, me, noContent, portalLoginBody, residentMe, staffMe } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

export const authOperations = defineOperations({
  'POST /api/auth/login': {
    operationId: 'loginStaff',
    summary: 'Staff login; sets the session cookie',
    tags: ['auth'],
    security: [],
    body: loginBody,
    response: { 200: staffMe, ...errorAnswers(401, 429) },
  },
  'POST /api/portal/login': {
    operationId: 'loginResident',
    summary: 'Resident login with phone number; sets the session cookie',
    tags: ['portal'],
    security: [],
    body: portalLoginBody,
    response: { 200: residentMe, ...errorAnswers(401, 429) },
  },
  'GET /api/auth/me': {
    operationId: 'getMe',
    summary: 'The logged-in staff member or resident',
    tags: ['auth'],
    response: { 200: me, ...errorAnswers(401) },
  },
  'POST /api/auth/logout': {
    operationId: 'logout',
    summary: 'Ends the session',
    tags: ['auth'],
    security: [],
    response: { 204: noContent },
  },
  'POST /api/auth/password': {
    operationId: 'changePassword',
    summary: 'Changes the caller’s password',
    tags: ['auth'],
    body: changePasswordBody,
    response: { 204: noContent, ...errorAnswers(400) },
  },
});
