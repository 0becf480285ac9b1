import type {
  BuildingKind,
  ContactKind,
  CustomerKind,
  DepartmentKind,
  IdType,
  OccupancyRelation,
  ProjectKind,
  PublicPlaceKind,
  StaffStatus,
  UnitState,
  UnitUse,
  genders,
} from '../../shared/enums.ts';
import type { ClockState, Satisfaction, TicketChannel, TicketPriority, TicketType, VisitMethod } from '../../shared/enums.ts';
import type { Permission, RoleCode } from '../../shared/permissions.ts';
import type { TicketAction, TicketStatus } from '../../shared/workflow.ts';

export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof locales)[number];

type Gender = (typeof genders)[number];

/**
 * Labels every catalogue must carry, derived from the shared enums: adding a value to
 * src/shared/enums.ts without a label in each language fails the type check.
 */
export type EnumMessageKey =
  | `unitState.${UnitState}`
  | `unitUse.${UnitUse}`
  | `relation.${OccupancyRelation}`
  | `role.${RoleCode}`
  | `department.${DepartmentKind}`
  | `projectKind.${ProjectKind}`
  | `buildingKind.${BuildingKind}`
  | `publicPlaceKind.${PublicPlaceKind}`
  | `staffStatus.${StaffStatus}`
  | `customerKind.${CustomerKind}`
  | `idType.${IdType}`
  | `contactKind.${ContactKind}`
  | `gender.${Gender}`
  | `permission.${Permission}`
  | `lang.${Locale}`
  | `ticketType.${TicketType}`
  | `channel.${TicketChannel}`
  | `priority.${TicketPriority}`
  | `status.${TicketStatus}`
  | `action.${TicketAction}`
  | `satisfaction.${Satisfaction}`
  | `visitMethod.${VisitMethod}`
  | `clockState.${ClockState}`;
