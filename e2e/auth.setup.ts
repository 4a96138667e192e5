import { test as setup } from '@playwright/test';
import { ROLE_USERS, signIn, storageStatePath, type RoleName } from './support/auth';

// Each role signs in once through the real form; the specs reuse the session.
for (const role of Object.keys(ROLE_USERS) as RoleName[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, ROLE_USERS[role].email);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
