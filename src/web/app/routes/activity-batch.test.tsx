import { screen, waitFor } from '@testing-library/react';
import { auditIds } from '../../testing/mocks/audit';
import { db, requestsTo } from '../../testing/mocks/db';
import { renderApp } from '../../testing/test-utils';

const BATCH = '0f8fad5b-d9cb-469f-a165-70867728950e';
const auditQueries = () => requestsTo('/api/audit').map((r) => r.url.searchParams);

/** Two records of the mock trail become one batch stop's records. */
function markBatch(): void {
  for (const record of db.audit) {
    if (record.id === auditIds.accepted || record.id === auditIds.refused) Object.assign(record, { action: 'batch-stop', batch_id: BATCH });
  }
}

describe('activity of one batch stop (?batch=)', () => {
  it('shows only that batch, says so with its short id and count, and the filter can be removed', async () => {
    markBatch();
    const { user, router } = renderApp(`/activity?batch=${BATCH}`);
    expect(await screen.findByText('Batch 0f8fad5b · 2 records')).toHaveAttribute('title', BATCH);
    expect((await screen.findAllByTestId('audit-row')).map((r) => r.dataset.recordId)).toEqual([auditIds.accepted, auditIds.refused]);
    expect(auditQueries().at(-1)!.get('batch_id')).toBe(BATCH);

    await user.click(screen.getByRole('button', { name: 'Remove batch filter' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(5));
    expect(router.state.location.search).toBe('');
    expect(auditQueries().at(-1)!.has('batch_id')).toBe(false);
    expect(screen.queryByTestId('audit-batch-filter')).not.toBeInTheDocument();
  });

  it('"Clear filters" removes the batch too', async () => {
    markBatch();
    const { user, router } = renderApp(`/activity?batch=${BATCH}&user=oncall.operator`);
    await screen.findByText('Batch 0f8fad5b · 1 record');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(5));
    expect(router.state.location.search).toBe('');
  });

  it('a batch id that is not one is explained, and nothing is asked for it', async () => {
    const { user } = renderApp('/activity?batch=batch-1');
    expect(await screen.findByRole('alert')).toHaveTextContent('This link’s batch id is not valid');
    expect(screen.getByTestId('audit-filters-invalid')).toBeInTheDocument();
    expect(auditQueries()).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Remove batch filter' }));
    expect(await screen.findAllByTestId('audit-row')).toHaveLength(5);
  });
});
