import { expect, test } from './fixtures';
import { expectNoSeriousViolations } from './ui-helpers';

test.describe('list keyboard and URL state', () => {
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

  test('find a task, Stop it and confirm with the keyboard alone; ? lists the keys', async ({ page }) => {
    await page.goto('/targets/sim-region-1');
    const row = page.getByTestId('task-row').filter({ hasText: 'INCRMIGEATING' }).filter({ has: page.getByTestId('stop-button').and(page.locator(':enabled')) }).last();
    await expect(row).toBeVisible();
    const name = (await row.locator('[data-task-link]').innerText()).trim();
    const rowStop = row.getByTestId('stop-button');

    // The Tab walk, which is all there was before: from the search box to the row's Stop.
    await page.getByLabel('Search by name').focus();
    let tabs = 0;
    while (!(await rowStop.evaluate((button) => button === document.activeElement)) && tabs < 200) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }

    // Now: / name Enter, s, the name again, Enter. Counted as keys pressed, not characters typed.
    await page.getByRole('heading', { level: 1 }).click();
    const started = Date.now();
    await page.keyboard.press('/');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`name=${name}`));
    const match = page.getByTestId('task-row').filter({ hasText: name });
    await expect(match.locator('[data-task-link]')).toBeFocused();
    await page.keyboard.press('s');
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await expect(dialog.getByTestId('stop-type-to-confirm')).toBeFocused();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(match).toContainText('TERMINATING');
    test.info().annotations.push({
      type: 'measure',
      description: `stop from the keyboard: 5 keys besides the name typed twice, ${Date.now() - started} ms; the Tab walk from the search to the row's Stop: ${tabs} Tabs`,
    });
    expect(tabs).toBeGreaterThan(3);
    // Stop is disabled now: focus is back on the row, where j and k go on.
    await expect(match.locator('[data-task-link]')).toBeFocused();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toContainText('Stop the highlighted task');
    await expectNoSeriousViolations(page, 'the list of keys');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
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
