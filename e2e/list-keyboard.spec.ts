import { expect, test } from './fixtures';

test.describe('list keyboard and URL state', () => {
  // Asking for the simulator fixture gives every journey fresh seed data.
  test.beforeEach(async ({ simulator }) => simulator.clearFaults());

  test('/ focuses the search, j/k move with a visible highlight, Enter opens the task', async ({ page }) => {
    await page.goto('/targets/sim-region-1');
    const rows = page.getByTestId('task-row');
    await expect(rows.first()).toBeVisible();

    await page.keyboard.press('/');
    await expect(page.getByLabel('Search by name')).toBeFocused();
    await page.keyboard.type('jk'); // typed into the field: no shortcut while typing
    await expect(page.getByLabel('Search by name')).toHaveValue('jk');
    await expect(page.locator('[data-highlighted]')).toHaveCount(0);
    await page.getByLabel('Search by name').fill('');
    await page.getByRole('heading', { level: 1 }).click(); // focus back on the page

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    const second = rows.nth(1);
    await expect(second).toHaveAttribute('data-highlighted', 'true');
    await expect(second.locator('[data-task-link]')).toBeFocused();
    // The highlight is drawn with the theme's primary colour, not a fixed light colour.
    expect(await second.evaluate((row) => getComputedStyle(row).boxShadow)).toMatch(/inset/);

    const name = (await second.locator('[data-task-link]').innerText()).trim();
    const taskId = await second.getAttribute('data-task-id');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}$`));
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  });

  test('filters, sort, page and size survive a reload, and back/forward restore the view', async ({ page }) => {
    await page.goto('/?size=20');
    const rows = page.getByTestId('task-row');
    await expect(rows.first()).toBeVisible();

    await page.getByLabel('Sort').selectOption({ label: 'Name: A → Z' });
    await expect(page).toHaveURL(/sort=name_asc/);
    const names = async () => (await rows.locator('[data-task-link]').allInnerTexts()).map((n) => n.trim());
    await expect.poll(async () => {
      const shown = await names();
      return shown.length > 1 && shown.every((n, i) => i === 0 || shown[i - 1]!.localeCompare(n, 'en', { numeric: true, sensitivity: 'base' }) <= 0);
    }).toBe(true);
    const sorted = await names();

    await page.getByRole('group', { name: 'Status' }).getByText('Stopped (TERMINATED)').click();
    await expect(page).toHaveURL(/status=TERMINATED/);
    await expect(rows.first()).toContainText('TERMINATED');

    await page.reload();
    await expect(page.getByLabel('Sort')).toHaveValue('name_asc');
    await expect(page.getByRole('checkbox', { name: 'Stopped (TERMINATED)' })).toBeChecked();
    await expect(page.getByLabel('Rows per page')).toHaveValue('20');
    await expect(rows.first()).toContainText('TERMINATED');

    await page.goBack();
    await expect(page).not.toHaveURL(/status=/);
    await expect(page.getByRole('checkbox', { name: 'Stopped (TERMINATED)' })).not.toBeChecked();
    await expect.poll(names).toEqual(sorted);
    await page.goBack();
    await expect(page).not.toHaveURL(/sort=/);
    await expect(page.getByLabel('Sort')).toHaveValue('');
    await page.goForward();
    await expect(page.getByLabel('Sort')).toHaveValue('name_asc');
  });
});
