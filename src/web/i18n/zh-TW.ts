import type { Catalogue } from './zh-CN.ts';
import { auditZhTW } from './audit.ts';
import { customersZhTW } from './customers.ts';
import { deskZhTW } from './desk.ts';
import { dutyZhTW } from './duty.ts';
import { engagementZhTW } from './engagement.ts';
import { platformZhTW } from './platform.ts';
import { policiesZhTW } from './policies.ts';
import { portalZhTW } from './portal.ts';
import { propertyZhTW } from './property.ts';
import { reportsZhTW } from './reports.ts';
import { shellZhTW } from './shell.ts';
import { staffZhTW } from './staff.ts';

/** 繁體中文, assembled from the modules' files. */
const zhTW: Catalogue = {
  ...shellZhTW,
  ...propertyZhTW,
  ...customersZhTW,
  ...staffZhTW,
  ...auditZhTW,
  ...deskZhTW,
  ...reportsZhTW,
  ...portalZhTW,
  ...engagementZhTW,
  ...platformZhTW,
  ...policiesZhTW,
  ...dutyZhTW,
};

export default zhTW;
