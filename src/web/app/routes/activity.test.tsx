import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { ids } from '../../testing/mocks/data';
import { auditIds } from '../../testing/mocks/audit';
import { db, requestsTo } from '../../testing/mocks/db';
import { apiError } from '../../testing/mocks/handlers/errors';
import { server } from '../../testing/mocks/node';
import { ids2 } from '../../testing/mocks/targets';
import { renderApp } from '../../testing/test-utils';

const AUDIT = '/api/audit';
const lastAuditQuery = () => requestsTo(AUDIT).at(-1)!.url.searchParams;
const rows = () => screen.findAllByTestId('audit-row');
const rowOf = async (id: string) => (await rows()).find((r) => r.dataset.recordId === id)!;

describe('activity page', () => {
  it('lists every stop attempt newest first: time, user, target, task, statuses, outcome, reason, codes, request ids', async () => {
    renderApp('/activity');
    expect(await screen.findByRole('heading', { level: 1, name: 'Activity' })).toBeInTheDocument();
    const all = await rows();
    expect(all.map((r) => r.dataset.outcome)).toEqual(['accepted', 'refused', 'unknown', 'failed', 'pending']);
    expect(screen.getByTestId('audit-count')).toHaveTextContent('5 stop attempts');
    expect(lastAuditQuery().get('offset')).toBe('0');
    expect(lastAuditQuery().get('limit')).toBe('20');

    const accepted = all[0]!;
    expect(within(accepted).getByText('2 minutes ago')).toHaveAttribute('title', expect.stringMatching(/\d{4}, \d\d:\d\d:\d\d/));
    expect(accepted).toHaveTextContent('oncall.operator');
    expect(accepted).toHaveTextContent('Simulated region 1');
    expect(within(accepted).getByRole('link', { name: 'mig-legacy-queue' })).toHaveAttribute(
      'href',
      `/targets/sim-region-1/tasks/${ids.terminated}`,
    );
    expect(within(accepted).getByRole('button', { name: `Copy task id ${ids.terminated}` })).toBeInTheDocument();
    expect(within(accepted).getByTestId('audit-status')).toHaveTextContent('INCRMIGEATING → TERMINATING');
    expect(within(accepted).getByTestId('audit-reason')).toHaveTextContent('Cut-over finished; source decommissioned');
    expect(within(accepted).getByRole('button', { name: `Copy request id req-${auditIds.accepted}` })).toBeInTheDocument();
    expect(within(accepted).getByRole('button', { name: 'Copy cloud request id up-req-accepted-1' })).toBeInTheDocument();

    const refused = await rowOf(auditIds.refused);
    expect(refused).toHaveTextContent('alice.ops');
    expect(refused).toHaveTextContent('DCS.4957');
    expect(refused).toHaveTextContent('STOP_NOT_ALLOWED');

    const failed = await rowOf(auditIds.failed);
    expect(within(failed).getByRole('link', { name: 'mig-eu-archive' })).toHaveAttribute(
      'href',
      `/targets/sim-region-2/tasks/${ids2.archive}`,
    );
    expect(failed).toHaveTextContent('DCS.5000');

    const pending = await rowOf(auditIds.pending);
    expect(within(pending).getByRole('link', { name: '(name unknown)' })).toBeInTheDocument();
    expect(pending).toHaveTextContent('Batch stop');
  });

  it('shows each outcome as its badge; "unknown" tells the operator to check the task', async () => {
    renderApp('/activity');
    const badge = async (id: string) => within(await rowOf(id)).getByTestId('audit-outcome');
    expect(await badge(auditIds.accepted)).toHaveTextContent('Accepted');
    expect(await badge(auditIds.refused)).toHaveTextContent('Refused');
    expect(await badge(auditIds.failed)).toHaveTextContent('Failed');
    expect(await badge(auditIds.pending)).toHaveTextContent('Pending');
    expect(await badge(auditIds.unknown)).toHaveTextContent('Unknown');
    expect(await rowOf(auditIds.unknown)).toHaveTextContent('outcome unknown — check the task');
    // Colours: accepted green, refused orange, failed red, unknown yellow, pending grey.
    const color = async (id: string) => (await badge(id)).style.getPropertyValue('--badge-color');
    expect(await color(auditIds.accepted)).toContain('green');
    expect(await color(auditIds.refused)).toContain('orange');
    expect(await color(auditIds.failed)).toContain('red');
    expect(await color(auditIds.unknown)).toContain('yellow');
    expect(await color(auditIds.pending)).toContain('gray');
  });

  it('maps the task id and user filters to task_id and user, in the URL too', async () => {
    const { user, router } = renderApp('/activity');
    await rows();
    await user.type(screen.getByRole('searchbox', { name: 'Task ID' }), ids.terminated);
    await waitFor(() => expect(lastAuditQuery().get('task_id')).toBe(ids.terminated));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));
    expect(screen.getByTestId('audit-count')).toHaveTextContent('2 stop attempts match');

    await user.type(screen.getByRole('searchbox', { name: 'User' }), 'alice.ops');
    await waitFor(() => expect(lastAuditQuery().get('user')).toBe('alice.ops'));
    expect(lastAuditQuery().get('task_id')).toBe(ids.terminated);
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
    expect(new URLSearchParams(router.state.location.search).get('task_id')).toBe(ids.terminated);
    expect(new URLSearchParams(router.state.location.search).get('user')).toBe('alice.ops');
  });

  it('"Last hour" sends since = an hour ago (and no until); the URL keeps the preset', async () => {
    const { user, router } = renderApp('/activity');
    await rows();
    const before = Date.now();
    await user.click(screen.getByRole('radio', { name: 'Last hour' }));
    await waitFor(() => expect(lastAuditQuery().get('since')).not.toBeNull());
    const since = Date.parse(lastAuditQuery().get('since')!);
    expect(since).toBeGreaterThanOrEqual(before - 3_600_000 - 1_000);
    expect(since).toBeLessThanOrEqual(Date.now() - 3_600_000 + 1_000);
    expect(lastAuditQuery().get('until')).toBeNull();
    expect(router.state.location.search).toBe('?range=1h');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));

    await user.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(4));
  });

  it('custom since/until are sent as instants, and an until before since is refused at the input', async () => {
    const { user, router } = renderApp('/activity');
    await rows();
    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('Since'), { target: { value: '2025-11-20T08:00' } });
    await waitFor(() => expect(lastAuditQuery().get('since')).toBe(new Date('2025-11-20T08:00').toISOString()));
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2025-11-21T09:30' } });
    await waitFor(() => expect(lastAuditQuery().get('until')).toBe(new Date('2025-11-21T09:30').toISOString()));
    expect(new URLSearchParams(router.state.location.search).get('since')).toBe(new Date('2025-11-20T08:00').toISOString());
    expect(await screen.findByText('No stop attempts match')).toBeInTheDocument();

    const sent = requestsTo(AUDIT).length;
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2025-11-19T09:30' } });
    expect(await screen.findByText('Must be after “Since”.')).toBeInTheDocument();
    expect(screen.getByTestId('audit-filters-invalid')).toBeInTheDocument();
    expect(requestsTo(AUDIT)).toHaveLength(sent);
  });

  it('maps the target filter to target', async () => {
    const { user } = renderApp('/activity');
    await rows();
    await user.click(screen.getByRole('combobox', { name: 'Region / project' }));
    await user.click(await screen.findByRole('option', { name: 'Simulated region 2' }));
    await waitFor(() => expect(lastAuditQuery().get('target')).toBe('sim-region-2'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(1));
  });

  it('reads filters and page from a deep link, and pages with offset/limit', async () => {
    db.audit = Array.from({ length: 25 }, (_, i) => ({
      ...db.audit[0]!,
      id: `bulk-${i}`,
      at: new Date(Date.now() - i * 60_000).toISOString(),
      request_id: `req-bulk-${i}`,
    }));
    const { user, router } = renderApp(`/activity?user=oncall.operator&task_id=${ids.terminated}&page=2&size=10`);
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(10));
    expect(lastAuditQuery().get('offset')).toBe('10');
    expect(lastAuditQuery().get('limit')).toBe('10');
    expect(lastAuditQuery().get('user')).toBe('oncall.operator');
    expect(screen.getByRole('searchbox', { name: 'User' })).toHaveValue('oncall.operator');
    await user.click(screen.getByRole('button', { name: 'Page 3' }));
    await waitFor(() => expect(lastAuditQuery().get('offset')).toBe('20'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(5));
    expect(new URLSearchParams(router.state.location.search).get('page')).toBe('3');
  });

  it('does not send a task id that cannot be valid', async () => {
    renderApp('/activity?task_id=not%20an%20id');
    expect(await screen.findByText(/Not a valid task id/)).toBeInTheDocument();
    expect(requestsTo(AUDIT)).toHaveLength(0);
  });

  it('tells "nothing matches" apart from "nothing recorded yet", and clears filters', async () => {
    const { user, router } = renderApp('/activity?user=nobody');
    expect(await screen.findByText('No stop attempts match')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(await rows()).toHaveLength(5);
    expect(screen.getByRole('searchbox', { name: 'User' })).toHaveValue('');
  });

  it('says so when nothing has been recorded yet', async () => {
    db.audit = [];
    renderApp('/activity');
    expect(await screen.findByText('No stop attempts yet')).toBeInTheDocument();
  });

  it('shows loading rows first', async () => {
    renderApp('/activity');
    expect((await screen.findAllByTestId('audit-row-skeleton')).length).toBeGreaterThan(0);
    await rows();
    expect(screen.queryByTestId('audit-row-skeleton')).not.toBeInTheDocument();
  });

  it('shows an error with its code and a working Retry', async () => {
    server.use(http.get(AUDIT, () => apiError(500, { code: 'INTERNAL', message: 'The audit store failed.', request_id: 'req-aud-1' })));
    const { user } = renderApp('/activity');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the activity');
    expect(alert).toHaveTextContent('INTERNAL');
    expect(alert).toHaveTextContent('req-aud-1');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await rows()).toHaveLength(5);
  });
});
