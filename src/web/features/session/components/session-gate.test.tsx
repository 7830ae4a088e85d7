import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { LOGIN_PATH } from '../../../../api';
import { browserLocation } from '../../../lib/browser-location';
import { db, requestsTo } from '../../../testing/mocks/db';
import { apiError } from '../../../testing/mocks/handlers/errors';
import { signInAs, signOutMock, unauthenticated } from '../../../testing/mocks/handlers/session';
import { server } from '../../../testing/mocks/node';
import { renderApp } from '../../../testing/test-utils';

const PAGE = '/targets/sim-region-1?name=orders';
const LOGIN = `${LOGIN_PATH}?return_to=${encodeURIComponent(PAGE)}`;

function mockAssign() {
  return vi.spyOn(browserLocation, 'assign').mockImplementation(() => {});
}

describe('signing in', () => {
  beforeEach(() => window.history.replaceState(null, '', PAGE));
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('not signed in (oidc): sends the browser to the login URL with return_to = this page, once', async () => {
    const assign = mockAssign();
    signOutMock({ mode: 'oidc' });
    const { queryClient } = renderApp(PAGE);
    await waitFor(() => expect(assign).toHaveBeenCalledWith(LOGIN));
    expect(await screen.findByTestId('sign-in-page')).toHaveAttribute('data-state', 'redirecting');
    expect(screen.getByText('Signing you in…')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Continue to sign-in' })).toHaveAttribute('href', LOGIN);
    // The other requests (the targets) answered 401 too: still one redirect.
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('task-row')).not.toBeInTheDocument();
  });

  it('does not loop: back from the sign-in page moments ago and still signed out, it offers a link instead', async () => {
    const assign = mockAssign();
    signOutMock({ mode: 'oidc' });
    window.sessionStorage.setItem('dcs-console.sign-in-redirect-at', String(Date.now() - 5_000));
    renderApp(PAGE);
    expect(await screen.findByRole('heading', { name: 'You are not signed in' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', LOGIN);
    expect(assign).not.toHaveBeenCalled();
  });

  it('a session that ends mid-use (any API call answering 401) sends the browser to sign in', async () => {
    const assign = mockAssign();
    signInAs('oidcOperator');
    window.history.replaceState(null, '', '/targets/sim-region-1');
    const { user } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    expect(assign).not.toHaveBeenCalled();

    server.use(http.get('/api/migration-tasks', () => unauthenticated(LOGIN_PATH)));
    await user.click(screen.getByRole('button', { name: 'Page 2' }));
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    expect(assign).toHaveBeenCalledWith(`${LOGIN_PATH}?return_to=${encodeURIComponent('/targets/sim-region-1')}`);
    expect(await screen.findByTestId('sign-in-page')).toHaveAttribute('data-state', 'redirecting');
  });

  it('proxy mode without an identity: a full-page explanation, no redirect', async () => {
    const assign = mockAssign();
    signOutMock({ mode: 'proxy' });
    const { queryClient } = renderApp(PAGE);
    const page = await screen.findByTestId('sign-in-page');
    expect(page).toHaveAttribute('data-state', 'proxy-unauthenticated');
    expect(within(page).getByRole('heading', { name: 'You are not signed in' })).toBeInTheDocument();
    expect(page).toHaveTextContent('takes your identity from the authenticating proxy');
    expect(within(page).getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sign in' })).not.toBeInTheDocument();
    // Nor once every request has answered (401: the session is read again, still no identity).
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(assign).not.toHaveBeenCalled();
  });

  it('proxy mode, identity lost mid-use: reads the session again and explains, without a redirect', async () => {
    const assign = mockAssign();
    signInAs('viewer');
    const { user } = renderApp('/targets/sim-region-1');
    await screen.findAllByTestId('task-row');
    server.use(
      http.get('/api/migration-tasks', () => {
        signOutMock({ mode: 'proxy' });
        return unauthenticated();
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Page 2' }));
    expect(await screen.findByTestId('sign-in-page')).toHaveAttribute('data-state', 'proxy-unauthenticated');
    expect(requestsTo('/api/session').length).toBeGreaterThanOrEqual(2);
    expect(assign).not.toHaveBeenCalled();
  });

  it('SIGN_IN_FAILED: a readable page with "Try again" leading to the sign-in', async () => {
    const assign = mockAssign();
    server.use(
      http.get('/api/session', () =>
        apiError(401, {
          code: 'SIGN_IN_FAILED',
          message: 'The sign-in provider did not sign you in (access_denied).',
          login_url: LOGIN_PATH,
          request_id: 'req-sif-1',
        }),
      ),
    );
    renderApp(PAGE);
    const page = await screen.findByTestId('sign-in-page');
    expect(within(page).getByRole('heading', { name: 'Sign-in failed' })).toBeInTheDocument();
    expect(page).toHaveTextContent('The sign-in provider did not sign you in (access_denied).');
    expect(page).toHaveTextContent('req-sif-1');
    expect(within(page).getByRole('link', { name: 'Try again' })).toHaveAttribute('href', LOGIN);
    expect(assign).not.toHaveBeenCalled();
  });

  it('a session that loads clears the loop guard, so a later sign-in redirects again', async () => {
    window.sessionStorage.setItem('dcs-console.sign-in-redirect-at', String(Date.now() - 5_000));
    renderApp(PAGE);
    await screen.findByTestId('session-summary');
    expect(window.sessionStorage.getItem('dcs-console.sign-in-redirect-at')).toBeNull();
    expect(db.signedOut).toBeNull();
    // The page goes on to show its tasks.
    await screen.findAllByTestId('task-row');
  });
});
