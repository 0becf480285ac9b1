import { describe, expect, it } from 'vitest';
import { auditEn, auditZhCN, auditZhTW } from './audit.ts';
import { customersEn, customersZhCN, customersZhTW } from './customers.ts';
import { deskEn, deskZhCN, deskZhTW } from './desk.ts';
import { dutyEn, dutyZhCN, dutyZhTW } from './duty.ts';
import en from './en.ts';
import { engagementEn, engagementZhCN, engagementZhTW } from './engagement.ts';
import { platformEn, platformZhCN, platformZhTW } from './platform.ts';
import { policiesEn, policiesZhCN, policiesZhTW } from './policies.ts';
import { portalEn, portalZhCN, portalZhTW } from './portal.ts';
import { propertyEn, propertyZhCN, propertyZhTW } from './property.ts';
import { reportsEn, reportsZhCN, reportsZhTW } from './reports.ts';
import { shellEn, shellZhCN, shellZhTW } from './shell.ts';
import { staffEn, staffZhCN, staffZhTW } from './staff.ts';
import zhCN from './zh-CN.ts';
import zhTW from './zh-TW.ts';

/** Each module's messages in zh-CN, zh-TW and en. */
const modules: Record<string, readonly [object, object, object]> = {
  shell: [shellZhCN, shellZhTW, shellEn],
  property: [propertyZhCN, propertyZhTW, propertyEn],
  customers: [customersZhCN, customersZhTW, customersEn],
  staff: [staffZhCN, staffZhTW, staffEn],
  audit: [auditZhCN, auditZhTW, auditEn],
  desk: [deskZhCN, deskZhTW, deskEn],
  reports: [reportsZhCN, reportsZhTW, reportsEn],
  portal: [portalZhCN, portalZhTW, portalEn],
  engagement: [engagementZhCN, engagementZhTW, engagementEn],
  policies: [policiesZhCN, policiesZhTW, policiesEn],
  duty: [dutyZhCN, dutyZhTW, dutyEn],
  platform: [platformZhCN, platformZhTW, platformEn],
};

describe('message catalogues assembled from the modules', () => {
  // The type check catches a key missing in zh-TW or en, but not two modules defining the same key:
  // the later spread would silently replace the other module's text.
  it.each([
    ['zh-CN', zhCN, 0],
    ['zh-TW', zhTW, 1],
    ['en', en, 2],
  ] as const)('%s: every key comes from exactly one module, and every module is in the catalogue', (_, catalogue, index) => {
    const owner = new Map<string, string>();
    for (const [name, languages] of Object.entries(modules)) {
      for (const key of Object.keys(languages[index])) {
        expect(owner.get(key), `${key} is defined by ${owner.get(key)} and ${name}`).toBeUndefined();
        owner.set(key, name);
      }
    }
    expect(Object.keys(catalogue).sort()).toEqual([...owner.keys()].sort());
  });
});
