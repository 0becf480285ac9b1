/**
 * Request and response schemas of the HTTP API. The server validates and documents with them, the
 * web client imports the inferred types — one definition, many uses.
 */
import { z } from 'zod';
import {
  buildingKinds,
  contactKinds,
  customerKinds,
  departmentKinds,
  genders,
  idTypes,
  occupancyRelations,
  projectKinds,
  publicPlaceKinds,
  staffStatuses,
  unitStates,
  unitUses,
} from './enums.ts';
import { permissions, roleCodes } from './permissions.ts';

// ---------- building blocks ----------
export const id = z.coerce.number().int().positive().max(2_147_483_647);
export const idParam = z.object({ id });
/** `?projectId=`: the one project a list or report is about. */
export const projectQuery = z.object({ projectId: id });
/** A real calendar day, YYYY-MM-DD (30 February and month 13 are refused). */
export const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'is not a day of the calendar');
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
/** Free text that may be left out (absent, not null). */
export const maybeText = (max: number) => z.string().trim().max(max).optional();
/** An instant with its offset, as the desk enters it: 2026-11-22T02:10:00+08:00. */
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2026-11-22T02:10:00+08:00' });
/** Mainland mobile (11 digits starting with 1), or a landline with area code, or +country number. */
export const phoneNumber = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,5})?|\+\d{6,15})$/, 'must be a mobile (11 digits) or landline number');

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A record that proves something (a ticket, a handover, a visit …): what to show and where the web opens it. */
export const evidenceLink = z.object({
  kind: z.string(),
  id: z.number(),
  label: z.string(),
  /** The web page of the record, or null when it has none. */
  href: z.string().nullable(),
});
export type EvidenceLink = z.infer<typeof evidenceLink>;

/** A text in each language of the app. */
export const labelsSchema = z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() });

/** A PATCH body names at least one field: `{}` is a 400, not an UPDATE that sets nothing (a 500 on both databases). */
export function someChange<T extends z.ZodObject>(patch: T) {
  return patch.refine((v) => Object.values(v as object).some((x) => x !== undefined), { message: 'nothing to change' });
}

/** A whole list (no cursor): `{ items }`. */
export function list<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item) });
}

/** The answer of a 204: no body. */
export const noContent = z.null();

// ---------- auth ----------
export const loginBody = z.object({
  username: text(64),
  password: z.string().min(1, 'must not be empty').max(256),
});
export const portalLoginBody = z.object({
  phone: phoneNumber,
  password: z.string().min(1, 'must not be empty').max(256),
});
export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(8, 'must be at least 8 characters').max(256),
});

export const projectRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const staffMe = z.object({
  kind: z.literal('staff'),
  id: z.number(),
  /** The company's name, for printed forms (work order, letters). */
  companyName: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(z.enum(roleCodes)),
  permissions: z.array(z.enum(permissions)),
  allProjects: z.boolean(),
  projects: z.array(projectRef),
  mustChangePassword: z.boolean(),
});
export const residentMe = z.object({
  kind: z.literal('resident'),
  id: z.number(),
  companyName: z.string(),
  customerId: z.number(),
  name: z.string(),
  phone: z.string(),
  projects: z.array(projectRef),
});
export const me = z.discriminatedUnion('kind', [staffMe, residentMe]);

// ---------- organisation and property ----------
export const project = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(projectKinds),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  timeZone: z.string(),
});
export const projectCreate = z.object({
  code: text(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  name: text(100),
  kind: z.enum(projectKinds),
  address: optionalText(200),
  phone: optionalText(40),
  timeZone: z.string().max(64).optional(),
});
export const projectUpdate = projectCreate.omit({ code: true }).partial();

export const projectSummary = z.object({
  projectId: z.number(),
  buildings: z.number(),
  units: z.number(),
  area: z.number(),
  unitsByState: z.record(z.string(), z.number()),
  customers: z.number(),
  households: z.number(),
  staff: z.number(),
});

/** Departments of a project (and the company-wide ones); without projectId, of every project the caller sees. */
export const departmentsQuery = z.object({ projectId: id.optional() });
export const department = z.object({
  id: z.number(),
  projectId: z.number().nullable(),
  kind: z.enum(departmentKinds),
  name: z.string(),
});

export const building = z.object({
  id: z.number(),
  projectId: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(buildingKinds),
  floors: z.number(),
  unitCount: z.number(),
  entrances: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
});
export const buildingCreate = z.object({
  projectId: id,
  code: text(20),
  name: text(50),
  kind: z.enum(buildingKinds),
  floors: z.number().int().min(1).max(200),
  /** Entrance codes to create with the building (单元), e.g. ["1","2"]. */
  entrances: z.array(text(20)).max(50).optional(),
});
export const buildingsQuery = listQuery.extend({ projectId: id });
export const buildingUpdate = someChange(buildingCreate.omit({ projectId: true, entrances: true }).partial());
export const entranceCreate = z.object({ buildingId: id, code: text(20), name: text(50).optional() });

export const occupantSummary = z.object({
  occupancyId: z.number(),
  customerId: z.number(),
  name: z.string(),
  relation: z.enum(occupancyRelations),
  phone: z.string().nullable(),
  moveInDate: z.string().nullable(),
  moveOutDate: z.string().nullable(),
});

export const unit = z.object({
  id: z.number(),
  projectId: z.number(),
  buildingId: z.number(),
  buildingName: z.string(),
  entranceId: z.number().nullable(),
  floor: z.number(),
  number: z.string(),
  code: z.string(),
  areaM2: z.number(),
  use: z.enum(unitUses),
  state: z.enum(unitStates),
});
export const unitDetail = unit.extend({ occupants: z.array(occupantSummary) });
export const unitsQuery = listQuery.extend({
  projectId: id.optional(),
  buildingId: id.optional(),
  entranceId: id.optional(),
  state: z.enum(unitStates).optional(),
  q: z.string().trim().max(50).optional(),
});
export const unitCreate = z.object({
  buildingId: id,
  entranceId: id.nullish(),
  floor: z.number().int().min(-10).max(200),
  number: text(20),
  areaM2: z.number().positive().max(100000),
  use: z.enum(unitUses),
  state: z.enum(unitStates).default('vacant'),
});
export const unitUpdate = z
  .object({
    areaM2: z.number().positive().max(100000),
    use: z.enum(unitUses),
    state: z.enum(unitStates),
  })
  .partial();

export const publicPlace = z.object({
  id: z.number(),
  projectId: z.number(),
  buildingId: z.number().nullable(),
  name: z.string(),
  kind: z.enum(publicPlaceKinds),
});
export const publicPlaceCreate = z.object({
  projectId: id,
  buildingId: id.nullish(),
  name: text(100),
  kind: z.enum(publicPlaceKinds),
});

export const responsibilityArea = z.object({
  id: z.number(),
  projectId: z.number(),
  name: z.string(),
  owner: z.object({ id: z.number(), name: z.string() }).nullable(),
  mainResponsible: z.object({ id: z.number(), name: z.string() }).nullable(),
  deputyResponsible: z.object({ id: z.number(), name: z.string() }).nullable(),
  buildingIds: z.array(z.number()),
});
export const responsibilityAreaCreate = z.object({
  projectId: id,
  name: text(100),
  ownerStaffId: id.nullish(),
  mainResponsibleId: id.nullish(),
  deputyResponsibleId: id.nullish(),
  buildingIds: z.array(id).max(500).default([]),
});

// ---------- customers ----------
export const contact = z.object({
  id: z.number().optional(),
  kind: z.enum(contactKinds),
  value: z.string(),
  label: z.string().nullable().optional(),
});
export const contactInput = z.object({
  kind: z.enum(contactKinds),
  value: text(200),
  label: optionalText(50),
});
export const emergencyContact = z.object({
  id: z.number().optional(),
  name: z.string(),
  relation: z.string().nullable(),
  phone: z.string(),
});
export const emergencyContactInput = z.object({
  name: text(50),
  relation: optionalText(20),
  phone: phoneNumber,
});

export const customerUnitLink = z.object({
  occupancyId: z.number(),
  unitId: z.number(),
  unitCode: z.string(),
  buildingName: z.string(),
  relation: z.enum(occupancyRelations),
  moveInDate: z.string().nullable(),
  moveOutDate: z.string().nullable(),
});

export const customerListItem = z.object({
  id: z.number(),
  projectId: z.number(),
  kind: z.enum(customerKinds),
  name: z.string(),
  /** Masked unless revealed. */
  phone: z.string().nullable(),
  units: z.array(z.object({ unitId: z.number(), code: z.string(), relation: z.enum(occupancyRelations) })),
});
export const customer = z.object({
  id: z.number(),
  projectId: z.number(),
  kind: z.enum(customerKinds),
  name: z.string(),
  gender: z.enum(genders).nullable(),
  /** Masked unless revealed. */
  phone: z.string().nullable(),
  idType: z.enum(idTypes).nullable(),
  /** Masked unless revealed. */
  idNumber: z.string().nullable(),
  orgLegalRep: z.string().nullable(),
  orgContactPerson: z.string().nullable(),
  notes: z.string().nullable(),
  masked: z.boolean(),
  /** Whether the caller may ask for the full numbers. */
  canReveal: z.boolean(),
  contacts: z.array(contact),
  emergencyContacts: z.array(emergencyContact),
  units: z.array(customerUnitLink),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const customersQuery = listQuery.extend({
  projectId: id.optional(),
  unitId: id.optional(),
  q: z.string().trim().max(50).optional(),
});
export const customerCreate = z
  .object({
    projectId: id,
    kind: z.enum(customerKinds).default('person'),
    name: text(100),
    gender: z.enum(genders).nullish(),
    phone: phoneNumber.nullish(),
    idType: z.enum(idTypes).nullish(),
    idNumber: z.string().trim().min(4).max(40).nullish(),
    orgLegalRep: optionalText(50),
    orgContactPerson: optionalText(50),
    notes: optionalText(2000),
    contacts: z.array(contactInput).max(20).default([]),
    emergencyContacts: z.array(emergencyContactInput).max(5).default([]),
    /** Link to a unit at creation (the usual case at the desk). */
    unitId: id.optional(),
    relation: z.enum(occupancyRelations).optional(),
    moveInDate: dateText.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.idType === 'id_card' && v.idNumber && !/^\d{17}[\dXx]$/.test(v.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'must be an 18-character resident ID number' });
    }
    if (v.unitId && !v.relation) {
      ctx.addIssue({ code: 'custom', path: ['relation'], message: 'is required when unitId is given' });
    }
  });
export const customerUpdate = z
  .object({
    name: text(100),
    gender: z.enum(genders).nullable(),
    phone: phoneNumber.nullable(),
    idType: z.enum(idTypes).nullable(),
    idNumber: z.string().trim().min(4).max(40).nullable(),
    orgLegalRep: z.string().trim().max(50).nullable(),
    orgContactPerson: z.string().trim().max(50).nullable(),
    notes: z.string().trim().max(2000).nullable(),
    contacts: z.array(contactInput).max(20),
    emergencyContacts: z.array(emergencyContactInput).max(5),
  })
  .partial();
export const revealBody = z.object({
  /** Why the numbers are needed (recorded in the audit log), e.g. "回电业主". */
  reason: text(200),
});
export const revealResult = z.object({
  customerId: z.number(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  contacts: z.array(contact),
  emergencyContacts: z.array(emergencyContact),
});
export const occupancyCreate = z
  .object({
    customerId: id,
    unitId: id,
    relation: z.enum(occupancyRelations),
    moveInDate: dateText.nullish(),
    moveOutDate: dateText.nullish(),
  })
  .refine((v) => !v.moveInDate || !v.moveOutDate || v.moveOutDate >= v.moveInDate, {
    path: ['moveOutDate'],
    message: 'must not be before moveInDate',
  });
export const occupancyUpdate = someChange(
  z.object({
    relation: z.enum(occupancyRelations).optional(),
    moveInDate: dateText.nullish(),
    moveOutDate: dateText.nullish(),
  }),
);

// ---------- staff ----------
export const staffMember = z.object({
  id: z.number(),
  employeeNo: z.string(),
  username: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  position: z.string().nullable(),
  hireDate: z.string().nullable(),
  probationEnd: z.string().nullable(),
  status: z.enum(staffStatuses),
  roles: z.array(z.enum(roleCodes)),
  projectIds: z.array(z.number()),
});
export const staffQuery = listQuery.extend({
  projectId: id.optional(),
  departmentId: id.optional(),
  role: z.enum(roleCodes).optional(),
  q: z.string().trim().max(50).optional(),
});
export const staffCreate = z.object({
  employeeNo: text(20),
  username: text(32).regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, _ . - only'),
  name: text(50),
  phone: phoneNumber.nullish(),
  departmentId: id.nullish(),
  position: optionalText(50),
  hireDate: dateText.nullish(),
  probationEnd: dateText.nullish(),
  status: z.enum(staffStatuses).default('active'),
  roles: z.array(z.enum(roleCodes)).min(1, 'at least one role'),
  projectIds: z.array(id).max(100).default([]),
  /** Initial password; when absent a one-time password is generated and returned once. */
  password: z.string().min(8, 'must be at least 8 characters').max(256).optional(),
});
/**
 * A change names only what changes: no defaults here (a default status or an empty project list
 * would silently reactivate someone or take all their projects away).
 */
export const staffUpdate = staffCreate
  .omit({ username: true, password: true })
  .extend({ status: z.enum(staffStatuses), projectIds: z.array(id).max(100) })
  .partial();
export const staffCreated = z.object({ staff: staffMember, oneTimePassword: z.string().nullable() });
/** Shown once to the administrator, who hands it over; the member must change it at the next login. */
export const passwordReset = z.object({ oneTimePassword: z.string() });

export const role = z.object({
  code: z.enum(roleCodes),
  name: z.string(),
  allProjects: z.boolean(),
  permissions: z.array(z.enum(permissions)),
});

// ---------- audit ----------
export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  projectId: z.number().nullable(),
  actorKind: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  reason: z.string().nullable(),
});
export const auditQuery = listQuery.extend({
  projectId: id.optional(),
  entity: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
  action: z.string().max(50).optional(),
});

// ---------- portal ----------
export const household = z.object({
  unitId: z.number(),
  unitCode: z.string(),
  buildingName: z.string(),
  projectId: z.number(),
  projectName: z.string(),
  relation: z.enum(occupancyRelations),
  areaM2: z.number(),
  members: z.array(z.object({ name: z.string(), relation: z.enum(occupancyRelations) })),
});

export type Me = z.infer<typeof me>;
export type StaffMe = z.infer<typeof staffMe>;
export type Project = z.infer<typeof project>;
export type ProjectSummary = z.infer<typeof projectSummary>;
export type Building = z.infer<typeof building>;
export type Unit = z.infer<typeof unit>;
export type UnitDetail = z.infer<typeof unitDetail>;
export type Customer = z.infer<typeof customer>;
export type CustomerListItem = z.infer<typeof customerListItem>;
export type StaffMember = z.infer<typeof staffMember>;
export type Department = z.infer<typeof department>;
export type Role = z.infer<typeof role>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type Household = z.infer<typeof household>;
export type PublicPlace = z.infer<typeof publicPlace>;
export type ResponsibilityArea = z.infer<typeof responsibilityArea>;
export type RevealResult = z.infer<typeof revealResult>;
export type Page<T> = { items: T[]; nextCursor: string | null };
