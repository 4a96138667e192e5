import { expect, type Locator, type Page } from '@playwright/test';

/** Chooses an option in a kit Combobox: types to search on the server, then picks the match. */
export async function pick(scope: Page | Locator, label: string | RegExp, search: string, option: string | RegExp = search) {
  const box = scope.getByRole('combobox', { name: label });
  await box.fill(search);
  const listbox = scope.getByRole('listbox', { name: label });
  const choice = listbox.getByRole('option', { name: option }).first();
  await expect(choice).toBeVisible();
  await choice.click();
}
