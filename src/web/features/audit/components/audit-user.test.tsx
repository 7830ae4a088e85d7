import { act, screen, waitFor, within } from '@testing-library/react';
import { auditIds, auditSubjects } from '../../../testing/mocks/audit';
import { requestsTo } from '../../../testing/mocks/db';
import { renderApp } from '../../../testing/test-utils';
import { shortSubject } from './audit-user';

const rowOf = async (id: string) => (await screen.findAllByTestId('audit-row')).find((r) => r.dataset.recordId === id)!;
const lastAuditQuery = () => requestsTo('/api/audit').at(-1)!.url.searchParams;

describe("the activity's user cell", () => {
  it('names the user and the subject together; the whole subject shows on hover', async () => {
    const { user } = renderApp('/activity');
    const row = await rowOf(auditIds.refused);
    const link = within(row).getByRole('link', { name: `alice.ops (${auditSubjects.alice})` });
    expect(within(link).getByText('alice.ops')).toBeInTheDocument();
    // On screen the subject is shortened in the middle: its issuer and the end that tells users apart.
    const subject = within(link).getByTestId('audit-user-subject');
    expect(subject).toHaveTextContent(shortSubject(auditSubjects.alice));
    expect(shortSubject(auditSubjects.alice)).not.toBe(auditSubjects.alice);
    expect(within(link).queryByTestId('audit-user-hint')).not.toBeInTheDocument();

    await user.hover(link);
    expect(subject).toHaveTextContent(auditSubjects.alice);
    expect(within(link).getByTestId('audit-user-hint')).toHaveTextContent(/only this user/i);
    await user.unhover(link);
    expect(subject).toHaveTextContent(shortSubject(auditSubjects.alice));
  });

  it('shows the whole subject on keyboard focus too', async () => {
    const { user } = renderApp('/activity');
    const row = await rowOf(auditIds.accepted);
    const link = within(row).getByRole('link', { name: `oncall.operator (${auditSubjects.oncall})` });
    // Tab to it from the control just before it in the page (the last one above the table).
    const before = screen.getAllByRole('radio').at(-1)!;
    act(() => before.focus());
    for (let tabs = 0; tabs < 30 && document.activeElement !== link; tabs++) await user.tab();
    expect(link).toHaveFocus();
    expect(within(link).getByTestId('audit-user-subject')).toHaveTextContent(auditSubjects.oncall);
    await user.tab();
    expect(within(link).getByTestId('audit-user-subject')).toHaveTextContent(shortSubject(auditSubjects.oncall));
  });

  it('tells apart two users of the same name by their subjects', async () => {
    renderApp('/activity');
    const first = within(await rowOf(auditIds.refused)).getByTestId('audit-user');
    const second = within(await rowOf(auditIds.unknown)).getByTestId('audit-user');
    expect(first).toHaveTextContent(/^alice\.ops/);
    expect(second).toHaveTextContent(/^alice\.ops/);
    expect(first).toHaveAccessibleName(`alice.ops (${auditSubjects.alice})`);
    expect(second).toHaveAccessibleName(`alice.ops (${auditSubjects.otherAlice})`);
    // What is on screen differs as well, not only the names read out.
    const shown = (cell: HTMLElement) => within(cell).getByTestId('audit-user-subject').textContent;
    expect(shown(first)).not.toBe(shown(second));
  });

  it('shows just the name when the record has no subject or its subject is the name', async () => {
    renderApp('/activity');
    for (const id of [auditIds.failed, auditIds.pending]) {
      const cell = within(await rowOf(id)).getByTestId('audit-user');
      expect(cell).toHaveTextContent(/^oncall\.operator$/);
      expect(cell.closest('a')).toBeNull();
      expect(within(cell).queryByTestId('audit-user-subject')).not.toBeInTheDocument();
    }
  });

  it('filters the activity by the subject (not the ambiguous name) when the user is selected', async () => {
    const { user, router } = renderApp('/activity?range=7d&page=1');
    const row = await rowOf(auditIds.unknown);
    await user.click(within(row).getByRole('link', { name: `alice.ops (${auditSubjects.otherAlice})` }));
    await waitFor(() => expect(lastAuditQuery().get('user')).toBe(auditSubjects.otherAlice));
    await waitFor(() => expect(screen.getAllByTestId('audit-row').map((r) => r.dataset.recordId)).toEqual([auditIds.unknown]));
    const search = new URLSearchParams(router.state.location.search);
    expect(search.get('user')).toBe(auditSubjects.otherAlice);
    expect(search.get('range')).toBe('7d'); // the other filters stay
    expect(screen.getByRole('searchbox', { name: 'User' })).toHaveValue(auditSubjects.otherAlice);
  });
});
