import { screen, waitFor } from '@testing-library/react';
import { renderApp } from '../../testing/test-utils';

describe('unknown routes', () => {
  it('show a not-found page with a way back', async () => {
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/no/such/page')).toBeInTheDocument();
    // `/` is the overview: the way back leads to the default target's tasks.
    await waitFor(() => expect(screen.getByRole('link', { name: 'Go to migration tasks' })).toHaveAttribute('href', '/targets/sim-region-1'));
  });

  it('inside a target, lead back to that target\'s tasks', async () => {
    renderApp('/targets/sim-region-2/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to migration tasks' })).toHaveAttribute('href', '/targets/sim-region-2');
  });
});
