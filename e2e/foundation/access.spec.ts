import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';

test.describe('denials', () => {
  test('an auditor is refused the admin pages with a clear 403 page', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'AUDITOR');
    for (const path of ['/admin/users', '/admin/tokens']) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByTestId('forbidden')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
    }
    await context.close();
  });

  test('engineers and compliance officers are refused the audit trail', async ({ browser }) => {
    for (const role of ['ENGINEER', 'COMPLIANCE_OFFICER'] as const) {
      const { context, page } = await pageAs(browser, role);
      const response = await page.goto('/audit-trail');
      expect(response?.status()).toBe(403);
      await expect(page.getByTestId('forbidden')).toBeVisible();
      await context.close();
    }
  });

  test('the API answers 401 without credentials and 403 JSON for a role without the permission', async ({ browser, request }) => {
    const anonymous = await request.get('/api/v1/users');
    expect(anonymous.status()).toBe(401);
    expect((await anonymous.json()).error.code).toBe('UNAUTHENTICATED');

    const { context } = await pageAs(browser, 'AUDITOR');
    const denied = await context.request.get('/api/v1/users');
    expect(denied.status()).toBe(403);
    expect((await denied.json()).error).toMatchObject({ code: 'FORBIDDEN' });
    const verify = await context.request.get('/api/v1/audit-events/verify');
    expect(verify.status()).toBe(200);
    expect(await verify.json()).toMatchObject({ intact: true, firstBrokenSeq: null });
    await context.close();
  });
});
