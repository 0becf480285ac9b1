import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page as ListPage, Project } from '../../src/shared/schemas.ts';
import { chromiumAvailable, launchBrowser, openPage, screenshot, staffLogin } from './support.ts';

const enabled = chromiumAvailable();

describe.skipIf(!enabled)('a new managed property', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    const { startTestServer } = await import('../helpers/server.ts');
    server = await startTestServer({ demoUnits: 120 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the system administrator creates a project from the overview and switches to it', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'admin');
    await page.getByTestId('project-add').click();
    await page.getByTestId('project-code').fill('bad code');
    await page.getByTestId('project-name').fill('新城花园');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    // The form refuses a code with a space: nothing is created and the dialog stays open.
    await page.waitForTimeout(500);
    const before = (await page.evaluate(() => fetch('/api/projects').then((r) => r.json()))) as ListPage<Project>;
    expect(before.items.map((p) => p.name)).not.toContain('新城花园');
    expect(await page.getByTestId('project-form').isVisible()).toBe(true);
    await page.getByTestId('project-code').fill('XC');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('project-switcher').textContent()).toContain('新城花园');
    await screenshot(page, 'project-created-desktop');
    const projects = (await page.evaluate(() => fetch('/api/projects').then((r) => r.json()))) as ListPage<Project>;
    expect(projects.items.find((p) => p.code === 'XC')).toMatchObject({ name: '新城花园', kind: 'residential' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
