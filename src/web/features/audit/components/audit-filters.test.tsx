import { screen, waitFor } from '@testing-library/react';
import { auditIds, auditSubjects } from '../../../testing/mocks/audit';
import { requestsTo } from '../../../testing/mocks/db';
import { renderApp, switchLocale } from '../../../testing/test-utils';

const lastAuditQuery = () => requestsTo('/api/audit').at(-1)!.url.searchParams;
const shownIds = () => screen.getAllByTestId('audit-row').map((r) => r.dataset.recordId);

describe('the activity filters', () => {
  afterEach(() => switchLocale('en'));

  it('says the user filter takes a name or a subject, in English and Chinese', async () => {
    renderApp('/activity');
    const input = await screen.findByRole('searchbox', { name: 'User' });
    expect(input).toHaveAttribute('placeholder', 'Exact name or subject');
    expect(input).toHaveAccessibleDescription(/display name, or the subject/);

    await switchLocale('zh-CN');
    const chinese = await screen.findByRole('searchbox', { name: '用户' });
    expect(chinese).toHaveAttribute('placeholder', '完整的用户名或用户标识');
    expect(chinese).toHaveAccessibleDescription(/显示名称，或用户标识/);
  });

  it('a name matches everyone of that name; a subject narrows the list to one of them', async () => {
    const { user, router } = renderApp('/activity');
    await screen.findAllByTestId('audit-row');
    const input = screen.getByRole('searchbox', { name: 'User' });

    await user.type(input, 'alice.ops');
    await waitFor(() => expect(lastAuditQuery().get('user')).toBe('alice.ops'));
    await waitFor(() => expect(shownIds()).toEqual([auditIds.refused, auditIds.unknown]));

    await user.clear(input);
    await user.type(input, auditSubjects.alice);
    await waitFor(() => expect(lastAuditQuery().get('user')).toBe(auditSubjects.alice));
    await waitFor(() => expect(shownIds()).toEqual([auditIds.refused]));
    expect(screen.getByTestId('audit-count')).toHaveTextContent('1 stop attempt matches');
    expect(new URLSearchParams(router.state.location.search).get('user')).toBe(auditSubjects.alice);
  });
});
