/** Operations of staff accounts and roles. */
import * as s from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404, 409);
const tags = ['staff'];

export const staffOperations = defineOperations({
  'GET /api/roles': {
    operationId: 'listRoles',
    summary: 'Built-in roles and their permissions',
    tags,
    response: { 200: s.list(s.role), ...errors },
  },
  'GET /api/staff': {
    operationId: 'listStaff',
    summary: 'Staff of the caller’s projects; q matches name, employee number or username',
    tags,
    querystring: s.staffQuery,
    response: { 200: s.page(s.staffMember), ...errors },
  },
  'GET /api/staff/:id': {
    operationId: 'getStaffMember',
    summary: 'A staff member with roles and projects',
    tags,
    params: s.idParam,
    response: { 200: s.staffMember, ...errors },
  },
  'POST /api/staff': {
    operationId: 'createStaffMember',
    summary: 'Creates a staff account; without a password a one-time password is returned once',
    tags,
    body: s.staffCreate,
    response: { 201: s.staffCreated, ...errors },
  },
  'PATCH /api/staff/:id': {
    operationId: 'updateStaffMember',
    summary: 'Changes a staff member; a member who left or is suspended loses every session',
    tags,
    params: s.idParam,
    body: s.staffUpdate,
    response: { 200: s.staffMember, ...errors },
  },
  'POST /api/staff/:id/reset-password': {
    operationId: 'resetStaffPassword',
    summary: 'Issues a one-time password and ends the member’s sessions',
    tags,
    params: s.idParam,
    response: { 200: s.passwordReset, ...errors },
  },
});
