/** Operations of projects, departments, buildings, entrances, units, public places and responsibility areas. */
import * as s from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404, 409);
const tags = ['property'];

export const propertyOperations = defineOperations({
  'GET /api/projects': {
    operationId: 'listProjects',
    summary: 'Projects (管理处) the caller may see',
    tags,
    response: { 200: s.page(s.project), ...errors },
  },
  'GET /api/projects/:id': {
    operationId: 'getProject',
    summary: 'A project (管理处)',
    tags,
    params: s.idParam,
    response: { 200: s.project, ...errors },
  },
  'GET /api/projects/:id/summary': {
    operationId: 'getProjectSummary',
    summary: 'Counts for the overview page',
    tags,
    params: s.idParam,
    response: { 200: s.projectSummary, ...errors },
  },
  'POST /api/projects': {
    operationId: 'createProject',
    summary: 'Creates a project (管理处); without a time zone it gets the server’s configured one',
    tags,
    body: s.projectCreate,
    response: { 201: s.project, ...errors },
  },
  'PATCH /api/projects/:id': {
    operationId: 'updateProject',
    summary: 'Changes a project’s name, kind, address, phone or time zone',
    tags,
    params: s.idParam,
    body: s.projectUpdate,
    response: { 200: s.project, ...errors },
  },
  'GET /api/departments': {
    operationId: 'listDepartments',
    summary: 'Departments of the caller’s projects and the company-wide ones',
    tags,
    querystring: s.departmentsQuery,
    response: { 200: s.list(s.department), ...errors },
  },
  'GET /api/buildings': {
    operationId: 'listBuildings',
    summary: 'Buildings (楼栋) of a project',
    tags,
    querystring: s.buildingsQuery,
    response: { 200: s.page(s.building), ...errors },
  },
  'GET /api/buildings/:id': {
    operationId: 'getBuilding',
    summary: 'A building with its entrances (单元)',
    tags,
    params: s.idParam,
    response: { 200: s.building, ...errors },
  },
  'POST /api/buildings': {
    operationId: 'createBuilding',
    summary: 'Adds a building to a project, with its entrances (单元) if given',
    tags,
    body: s.buildingCreate,
    response: { 201: s.building, ...errors },
  },
  'PATCH /api/buildings/:id': {
    operationId: 'updateBuilding',
    summary: 'Changes a building’s code, name, kind or number of floors',
    tags,
    params: s.idParam,
    body: s.buildingUpdate,
    response: { 200: s.building, ...errors },
  },
  'POST /api/entrances': {
    operationId: 'createEntrance',
    summary: 'Adds an entrance (单元) to a building',
    tags,
    body: s.entranceCreate,
    response: { 201: s.building, ...errors },
  },
  'GET /api/units': {
    operationId: 'listUnits',
    summary: 'Units (房屋); q matches the unit code such as 3-2-1201',
    tags,
    querystring: s.unitsQuery,
    response: { 200: s.page(s.unit), ...errors },
  },
  'GET /api/units/:id': {
    operationId: 'getUnit',
    summary: 'A unit with its occupants',
    tags,
    params: s.idParam,
    response: { 200: s.unitDetail, ...errors },
  },
  'POST /api/units': {
    operationId: 'createUnit',
    summary: 'Adds a unit (房屋) to a building',
    tags,
    body: s.unitCreate,
    response: { 201: s.unitDetail, ...errors },
  },
  'PATCH /api/units/:id': {
    operationId: 'updateUnit',
    summary: 'Changes a unit’s area, use or state (unsold, vacant, handed over, decorating …)',
    tags,
    params: s.idParam,
    body: s.unitUpdate,
    response: { 200: s.unitDetail, ...errors },
  },
  'GET /api/public-places': {
    operationId: 'listPublicPlaces',
    summary: 'Public areas (公共区域)',
    tags,
    querystring: s.projectQuery,
    response: { 200: s.list(s.publicPlace), ...errors },
  },
  'POST /api/public-places': {
    operationId: 'createPublicPlace',
    summary: 'Adds a public area (公共区域) of a project or a building',
    tags,
    body: s.publicPlaceCreate,
    response: { 201: s.publicPlace, ...errors },
  },
  'GET /api/responsibility-areas': {
    operationId: 'listResponsibilityAreas',
    summary: 'Responsibility areas (责任区)',
    tags,
    querystring: s.projectQuery,
    response: { 200: s.list(s.responsibilityArea), ...errors },
  },
  'POST /api/responsibility-areas': {
    operationId: 'createResponsibilityArea',
    summary: 'Creates a responsibility area (责任区): its buildings, its butler and the people responsible',
    tags,
    body: s.responsibilityAreaCreate,
    response: { 201: s.responsibilityArea, ...errors },
  },
});
