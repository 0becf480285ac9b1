/** Operations of the customer archive's people and their links to units. */
import * as s from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404, 409);
const tags = ['customers'];

export const customerOperations = defineOperations({
  'GET /api/customers': {
    operationId: 'listCustomers',
    summary: 'Customer archive (客户档案); q matches name, unit code, or phone digits. Phone numbers come back masked.',
    tags,
    querystring: s.customersQuery,
    response: { 200: s.page(s.customerListItem), ...errors },
  },
  'GET /api/customers/:id': {
    operationId: 'getCustomer',
    summary: 'A customer with contacts, emergency contacts and units (numbers masked)',
    tags,
    params: s.idParam,
    response: { 200: s.customer, ...errors },
  },
  'POST /api/customers': {
    operationId: 'createCustomer',
    summary: 'Registers a customer (person or organisation), optionally linked to a unit',
    tags,
    body: s.customerCreate,
    response: { 201: s.customer, ...errors },
  },
  'PATCH /api/customers/:id': {
    operationId: 'updateCustomer',
    summary: 'Changes a customer’s details, contacts and emergency contacts',
    tags,
    params: s.idParam,
    body: s.customerUpdate,
    response: { 200: s.customer, ...errors },
  },
  'POST /api/customers/:id/reveal': {
    operationId: 'revealCustomer',
    summary: 'Full phone and ID numbers, for roles that need them; every reveal is audited with its reason',
    tags,
    params: s.idParam,
    body: s.revealBody,
    response: { 200: s.revealResult, ...errors },
  },
  'POST /api/occupancies': {
    operationId: 'createOccupancy',
    summary: 'Links a customer to a unit (owner, tenant …)',
    tags,
    body: s.occupancyCreate,
    response: { 201: s.customer, ...errors },
  },
  'PATCH /api/occupancies/:id': {
    operationId: 'updateOccupancy',
    summary: 'Changes a link, e.g. records the move-out date',
    tags,
    params: s.idParam,
    body: s.occupancyUpdate,
    response: { 200: s.customer, ...errors },
  },
});
