import { expect, rowWithStatus, test } from './fixtures';
import { confirmStop } from './stop-helpers';

// Finding one's own stop in the activity by the first letters of the task's name (any case), and
// its outcome badge shown whole at a laptop's 1366 px (it was cut to "ACCEP…").
test.describe('the activity search', () => {
  test('stop a task, then find its record by the first letters of its name; the outcome badge is not cut at 1366 px', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto('/targets/sim-region-1');
    const row = rowWithStatus(page, 'INCRMIGEATING');
    await expect(row).toBeVisible();
    const link = row.getByRole('link').first();
    const name = (await link.innerText()).trim();
    const taskId = (await link.getAttribute('href'))!.split('/').pop()!.split('?')[0]!;
    await row.getByRole('button', { name: `Stop ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop migration task?' });
    await expect(dialog).toContainText(name);
    await confirmStop(dialog);
    await expect(dialog).toBeHidden({ timeout: 15_000 });

    await page.goto('/activity');
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    // The first letters, in the other case: the search ignores case.
    const prefix = name.slice(0, Math.min(6, name.length));
    const typed = prefix === prefix.toUpperCase() ? prefix.toLowerCase() : prefix.toUpperCase();
    await page.getByRole('searchbox', { name: 'Task name' }).fill(typed);
    await expect.poll(() => new URL(page.url()).searchParams.get('task_name')).toBe(typed);
    await expect(page.getByTestId('audit-count')).toContainText(/match/);

    // Every record shown starts with those letters; the newest is this stop.
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toContainText(name);
    await expect(rows.first().getByTestId('audit-task-link')).toHaveAttribute('href', new RegExp(`/tasks/${taskId}$`));
    const names = (await rows.getByTestId('audit-task-link').allInnerTexts()).map((text) => text.trim());
    expect(names.length).toBeGreaterThan(0);
    for (const shown of names) expect(shown.toLowerCase().startsWith(prefix.toLowerCase()), shown).toBe(true);

    // The URL is the search: opened anew, it finds the same record.
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Task name' })).toHaveValue(typed);
    const record = page.getByTestId('audit-row').filter({ hasText: name }).first();
    await expect(record).toBeVisible();

    // The outcome badge (and its label) show their whole text at 1366 px.
    const badge = record.getByTestId('audit-outcome');
    await expect(badge).toHaveText(/^accepted$/i);
    const sizes = await badge.evaluate((element) => {
      const label = element.querySelector('.mantine-Badge-label') ?? element;
      return [element, label].map((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, text: e.textContent }));
    });
    for (const size of sizes) expect(size.scroll, `badge "${size.text}" cut: ${size.scroll} > ${size.client}`).toBeLessThanOrEqual(size.client);
    // Every other badge on the page, too.
    const all = await page.locator('[data-testid="audit-outcome"], [data-testid="audit-action"]').evaluateAll((elements) =>
      elements.flatMap((element) =>
        [element, element.querySelector('.mantine-Badge-label') ?? element]
          .filter((e) => e.scrollWidth > e.clientWidth)
          .map((e) => `${e.textContent}: ${e.scrollWidth} > ${e.clientWidth}`),
      ),
    );
    expect(all).toEqual([]);
  });
});
