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

  it('searches by the first letters of the task name, in any case; the URL keeps it, and a link with it fills the field', async () => {
    const { user, router } = renderApp('/activity');
    await screen.findAllByTestId('audit-row');
    const input = screen.getByRole('searchbox', { name: 'Task name' });
    expect(input).toHaveAttribute('placeholder', 'First letters of the name');
    expect(input).toHaveAccessibleDescription('Names that start with these letters, in any case.');

    await user.type(input, 'MIG-S');
    await waitFor(() => expect(lastAuditQuery().get('task_name')).toBe('MIG-S'));
    await waitFor(() => expect(shownIds()).toEqual([auditIds.unknown]));
    expect(screen.getByTestId('audit-count')).toHaveTextContent('1 stop attempt matches');
    const search = router.state.location.search;
    expect(new URLSearchParams(search).get('task_name')).toBe('MIG-S');

    // The same URL, opened anew (a bookmark, a shared link), gives the same search.
    const again = renderApp(`/activity${search}`);
    await waitFor(() => expect(screen.getAllByRole('searchbox', { name: 'Task name' }).at(-1)).toHaveValue('MIG-S'));
    expect(lastAuditQuery().get('task_name')).toBe('MIG-S');
    expect(again.router.state.location.search).toBe(search);
  });

  it('combines the task name with the user, and clearing the field drops it from the URL and the request', async () => {
    const { user, router } = renderApp('/activity?task_name=mig-&user=alice.ops');
    await waitFor(() => expect(shownIds()).toEqual([auditIds.refused, auditIds.unknown]));
    expect(lastAuditQuery().get('task_name')).toBe('mig-');
    expect(lastAuditQuery().get('user')).toBe('alice.ops');
    await user.clear(screen.getByRole('searchbox', { name: 'Task name' }));
    await waitFor(() => expect(lastAuditQuery().get('task_name')).toBeNull());
    expect(new URLSearchParams(router.state.location.search).get('task_name')).toBeNull();
    expect(new URLSearchParams(router.state.location.search).get('user')).toBe('alice.ops');
  });

  it('refuses an invisible character in the task name or the user at the field, by code point, and asks nothing', async () => {
    renderApp('/activity?task_name=mig%E2%80%8B&user=alice%E2%80%AE');
    expect(await screen.findByText('Remove the invisible or control character U+200B at position 4.')).toBeInTheDocument();
    expect(screen.getByText('Remove the invisible or control character U+202E at position 6.')).toBeInTheDocument();
    expect(screen.getByTestId('audit-filters-invalid')).toBeInTheDocument();
    expect(requestsTo('/api/audit')).toHaveLength(0);
  });

  it('names the task name field in Chinese', async () => {
    renderApp('/activity');
    await screen.findAllByTestId('audit-row');
    await switchLocale('zh-CN');
    const input = await screen.findByRole('searchbox', { name: '任务名称' });
    expect(input).toHaveAttribute('placeholder', '名称的开头几个字符');
    expect(input).toHaveAccessibleDescription('以这些字符开头的名称，不区分大小写。');
  });
});
