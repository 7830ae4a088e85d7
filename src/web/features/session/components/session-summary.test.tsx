import { screen, waitFor, within } from '@testing-library/react';
import { CSRF_HEADER, LOGOUT_PATH } from '../../../../api';
import { browserLocation } from '../../../lib/browser-location';
import { sessions } from '../../../testing/mocks/data';
import { db, requestsTo } from '../../../testing/mocks/db';
import { signInAs } from '../../../testing/mocks/handlers/session';
import { renderApp, settled } from '../../../testing/test-utils';

const PAGE = '/targets/sim-region-1';

describe('the header’s session', () => {
  it('dev auth: the user, the Operator badge, "dev auth", and no Sign out', async () => {
    renderApp(PAGE);
    const summary = await screen.findByTestId('session-summary');
    expect(within(summary).getByTestId('session-user')).toHaveTextContent('oncall.operator');
    expect(within(summary).getByTestId('session-roles')).toHaveTextContent('Operator');
    expect(within(summary).getByTestId('auth-mode')).toHaveTextContent('dev auth');
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('a viewer behind a proxy: the Viewer badge and "via proxy", no Sign out', async () => {
    signInAs('viewer');
    renderApp(PAGE);
    const summary = await screen.findByTestId('session-summary');
    expect(within(summary).getByTestId('session-user')).toHaveTextContent('readonly.viewer');
    expect(within(summary).getByTestId('session-roles')).toHaveTextContent(/^Viewer$/);
    expect(within(summary).getByTestId('auth-mode')).toHaveTextContent('via proxy');
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('oidc: Sign out posts to logout_url with the CSRF header, then leaves for redirect_url (and not for the sign-in)', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => {});
    signInAs('oidcOperator');
    const { user, queryClient } = renderApp(PAGE);
    await screen.findAllByTestId('task-row');
    expect(screen.getByTestId('auth-mode')).toHaveTextContent('single sign-on');
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(requestsTo(LOGOUT_PATH, 'POST')).toHaveLength(0); // asked first, not sent
    await user.click(screen.getByRole('button', { name: 'Yes, sign out' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(db.logoutRedirect));
    const posts = requestsTo(LOGOUT_PATH, 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers.get(CSRF_HEADER)).toBe(sessions.oidcOperator.csrf_token);
    expect(await screen.findByTestId('sign-in-page')).toHaveAttribute('data-state', 'signing-out');
    await settled(queryClient); // every read still in flight has landed: none of them leaves again
    expect(assign).toHaveBeenCalledTimes(1);
  });

  it('a failed sign-out says so next to the button and stays on the page', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => {});
    signInAs('oidcOperator');
    const { user } = renderApp(PAGE);
    await screen.findAllByTestId('task-row');
    db.session.csrf_token = 'rotated-on-the-server'; // the page still holds the old token
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await user.click(screen.getByRole('button', { name: 'Yes, sign out' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not sign out');
    expect(alert).toHaveTextContent('Missing or wrong CSRF token.');
    expect(assign).not.toHaveBeenCalled();
    expect(screen.getAllByTestId('task-row').length).toBeGreaterThan(0);
  });

  it('Sign out asks first, in place: Cancel or Escape keep the session and give the focus back', async () => {
    const assign = vi.spyOn(browserLocation, 'assign').mockImplementation(() => {});
    signInAs('oidcOperator');
    const { user } = renderApp(PAGE);
    await screen.findAllByTestId('task-row');
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    const confirm = screen.getByRole('group', { name: 'Sign out of the console?' });
    expect(within(confirm).getByRole('button', { name: 'Yes, sign out' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign out' })).toHaveFocus());

    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Yes, sign out' })).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign out' })).toHaveFocus());
    expect(screen.queryByRole('group', { name: 'Sign out of the console?' })).not.toBeInTheDocument();
    expect(requestsTo(LOGOUT_PATH, 'POST')).toHaveLength(0);
    expect(assign).not.toHaveBeenCalled();
  });

  it('explains the sign-in mode and a missing role as text, not only on hover', async () => {
    signInAs('viewer');
    db.session.roles = [];
    renderApp(PAGE);
    const summary = await screen.findByTestId('session-summary');
    const mode = within(summary).getByTestId('auth-mode');
    expect(mode).toHaveAttribute('title', 'Signed in by the authenticating proxy in front of the console.');
    expect(mode).toHaveTextContent('via proxy: Signed in by the authenticating proxy in front of the console.');
    expect(within(summary).getByTestId('session-roles')).toHaveTextContent(/^No role: Signed in without a console role/);
  });
});
