import { screen, waitFor, within } from '@testing-library/react';
import { auditIds } from '../../../testing/mocks/audit';
import { db } from '../../../testing/mocks/db';
import { renderApp, switchLocale } from '../../../testing/test-utils';

describe('the activity table', () => {
  it("a row's time is no Tab stop of its own; its exact time is in its text for screen readers", async () => {
    renderApp('/activity');
    const row = (await screen.findAllByTestId('audit-row')).find((r) => r.dataset.recordId === auditIds.accepted)!;
    const time = within(row).getByText('2 minutes ago');
    expect(time.tagName).toBe('TIME');
    expect(time).not.toHaveAttribute('tabindex');
    expect(time).toHaveTextContent(/^2 minutes ago \(\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d .+\)$/);
    // The row's own controls stay: the task link and the copy buttons.
    expect(within(row).getByRole('link', { name: 'mig-legacy-queue' })).toBeInTheDocument();
  });
});

describe('the activity table keeps badges whole and says what the cloud did not', () => {
  afterEach(() => switchLocale('en'));

  it('no outcome or action badge is cut: neither Mantine truncation nor an ellipsis, and the badge keeps its width', async () => {
    renderApp('/activity');
    await screen.findAllByTestId('audit-row');
    const badges = [...screen.getAllByTestId('audit-outcome'), ...screen.getAllByTestId('audit-action')];
    expect(badges.length).toBeGreaterThanOrEqual(6);
    for (const badge of badges) {
      for (const element of [badge, ...badge.querySelectorAll<HTMLElement>('*')]) {
        expect(element).not.toHaveAttribute('data-truncate');
        expect(element.className).not.toMatch(/truncate/);
        const style = getComputedStyle(element);
        expect(style.textOverflow).not.toBe('ellipsis');
        expect(style.overflow).not.toBe('hidden');
      }
      expect(badge.style.minWidth).toBe('max-content');
      expect(badge.querySelector('.mantine-Badge-label')).toHaveStyle({ textOverflow: 'clip', overflow: 'visible' });
    }
    expect(screen.getAllByTestId('audit-outcome').map((b) => b.textContent)).toEqual(['Accepted', 'Refused', 'Unknown', 'Failed', 'Pending']);
  });

  it('an accepted stop whose answer carried no status shows a dash that says the cloud did not say, in English and Chinese', async () => {
    db.audit = db.audit.map((r) => (r.id === auditIds.accepted ? { ...r, status_after: null } : r));
    renderApp('/activity');
    const row = (await screen.findAllByTestId('audit-row')).find((r) => r.dataset.recordId === auditIds.accepted)!;
    const status = within(row).getByTestId('audit-status');
    expect(status).not.toHaveTextContent(/not returned/i);
    const notSaid = within(status).getByTestId('audit-status-after-not-said');
    const english = 'The cloud did not say which status the task went to. Open the task to see its status now.';
    expect(notSaid).toHaveAttribute('title', english);
    // Seen: the dash; heard (screen readers): the sentence, not "dash".
    expect(within(notSaid).getByText('—')).toHaveAttribute('aria-hidden', 'true');
    expect(status).toHaveTextContent(`INCRMIGEATING → —${english}`);

    await switchLocale('zh-CN');
    const chinese = '云端未告知任务停止后的状态。请打开任务查看其当前状态。';
    // The rows may be drawn anew in the other language: find the record's status again.
    const statusNow = () => screen.getAllByTestId('audit-row').find((r) => r.dataset.recordId === auditIds.accepted)!.querySelector('[data-testid="audit-status"]')!;
    await waitFor(() => expect(within(statusNow() as HTMLElement).getByTestId('audit-status-after-not-said')).toHaveAttribute('title', chinese));
    expect(statusNow()).toHaveTextContent(`INCRMIGEATING → —${chinese}`);
  });

  it('a stop that was not accepted has no status after: a plain dash, no explanation to give', async () => {
    renderApp('/activity');
    const row = (await screen.findAllByTestId('audit-row')).find((r) => r.dataset.recordId === auditIds.refused)!;
    expect(within(row).getByTestId('audit-status')).toHaveTextContent(/^TERMINATED → —$/);
    expect(within(row).queryByTestId('audit-status-after-not-said')).not.toBeInTheDocument();
  });
});
