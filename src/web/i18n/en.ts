import type { Catalogue } from './zh-CN.ts';
import { auditEn } from './audit.ts';
import { customersEn } from './customers.ts';
import { deskEn } from './desk.ts';
import { dutyEn } from './duty.ts';
import { engagementEn } from './engagement.ts';
import { platformEn } from './platform.ts';
import { policiesEn } from './policies.ts';
import { portalEn } from './portal.ts';
import { propertyEn } from './property.ts';
import { reportsEn } from './reports.ts';
import { shellEn } from './shell.ts';
import { staffEn } from './staff.ts';

/** English, assembled from the modules' files. */
const en: Catalogue = {
  ...shellEn,
  ...propertyEn,
  ...customersEn,
  ...staffEn,
  ...auditEn,
  ...deskEn,
  ...reportsEn,
  ...portalEn,
  ...engagementEn,
  ...platformEn,
  ...policiesEn,
  ...dutyEn,
};

export default en;
