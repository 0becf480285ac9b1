import type { EnumMessageKey } from './types.ts';
import { auditZhCN } from './audit.ts';
import { customersZhCN } from './customers.ts';
import { deskZhCN } from './desk.ts';
import { dutyZhCN } from './duty.ts';
import { engagementZhCN } from './engagement.ts';
import { platformZhCN } from './platform.ts';
import { policiesZhCN } from './policies.ts';
import { portalZhCN } from './portal.ts';
import { propertyZhCN } from './property.ts';
import { reportsZhCN } from './reports.ts';
import { shellZhCN } from './shell.ts';
import { staffZhCN } from './staff.ts';

/**
 * 简体中文 — the reference catalogue: its keys are the keys of every other language. Each module's
 * messages live in that module's file (with their zh-TW and en twins); this file assembles them.
 */
const zhCN = {
  ...shellZhCN,
  ...propertyZhCN,
  ...customersZhCN,
  ...staffZhCN,
  ...auditZhCN,
  ...deskZhCN,
  ...reportsZhCN,
  ...portalZhCN,
  ...engagementZhCN,
  ...platformZhCN,
  ...policiesZhCN,
  ...dutyZhCN,
} satisfies Record<EnumMessageKey, string> & Record<string, string>;

export type MessageKey = keyof typeof zhCN;
export type Catalogue = Record<MessageKey, string>;
export default zhCN as Catalogue;
