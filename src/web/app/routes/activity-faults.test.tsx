import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { requestsTo } from '../../testing/mocks/db';
import { apiError } from '../../testing/mocks/handlers/errors';
import { server } from '../../testing/mocks/node';
import { createTestQueryClient, renderApp } from '../../testing/test-utils';

const AUDIT = '/api/audit';

describe('the activity when the console fails', () => {
  it('keeps the records on a failed refresh, marked stale, and says it stopped retrying', async () => {
    const { user } = renderApp('/activity');
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(5);
    server.use(http.get(AUDIT, () => apiError(500, { code: 'INTERNAL', message: 'The audit store failed.', request_id: 'req-aud-2' })));
    await user.click(screen.getByRole('button', { name: 'Refresh' }));

    const banner = await screen.findByTestId('stale-data');
    expect(banner).toHaveTextContent(/Showing the records from \d+ s ago — the last refresh failed: INTERNAL: The audit store failed\./);
    expect(banner).toHaveTextContent('Stopped retrying. Use Retry.');
    expect(banner).toHaveTextContent('req-aud-2');
    expect(screen.getAllByTestId('audit-row')).toHaveLength(5);

    server.resetHandlers();
    await user.click(within(banner).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByTestId('stale-data')).not.toBeInTheDocument());
  });

  it('does not retry what a retry cannot fix (a 4xx)', async () => {
    server.use(http.get(AUDIT, () => apiError(400, { code: 'INVALID_QUERY', message: 'since must be ISO 8601.' })));
    renderApp('/activity', { queryClient: createTestQueryClient({ retries: true }) });
    const alert = await screen.findByTestId('error-alert');
    expect(alert).toHaveTextContent('INVALID_QUERY');
    expect(within(alert).getByTestId('retry-plan')).toHaveTextContent(
      'Not retried automatically: this error does not go away by itself. Use Retry once it is fixed.',
    );
    expect(requestsTo(AUDIT)).toHaveLength(1);
  });
});
