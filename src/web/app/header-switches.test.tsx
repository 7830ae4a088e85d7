import { screen, waitFor, within } from '@testing-library/react';
import { renderApp, switchLocale } from '../testing/test-utils';
import { COLOR_SCHEME_STORAGE_KEY } from './theme';

const PAGE = '/targets/sim-region-1';
const scheme = () => document.documentElement.getAttribute('data-mantine-color-scheme');

describe('the header’s theme switch', () => {
  afterEach(() => window.localStorage.clear());

  it('follows the system by default; Dark and Light apply at once and are remembered', async () => {
    const { user } = renderApp(PAGE);
    const select = await screen.findByRole('combobox', { name: 'Theme' });
    expect(select).toHaveValue('auto');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['System', 'Light', 'Dark']);

    await user.selectOptions(select, 'Dark');
    await waitFor(() => expect(scheme()).toBe('dark'));
    expect(window.localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('dark');

    await user.selectOptions(select, 'Light');
    await waitFor(() => expect(scheme()).toBe('light'));
    expect(window.localStorage.getItem(COLOR_SCHEME_STORAGE_KEY)).toBe('light');
  });

  it('starts from the remembered choice', async () => {
    window.localStorage.setItem(COLOR_SCHEME_STORAGE_KEY, 'dark');
    renderApp(PAGE);
    expect(await screen.findByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
    await waitFor(() => expect(scheme()).toBe('dark'));
  });
});

describe('the header’s language switch', () => {
  // Chinese is a catalogue loaded on demand: load its code once here, not inside the switch's 1 s wait.
  beforeAll(() => import('../i18n/messages/zh-CN'));
  afterEach(async () => {
    await switchLocale('en');
    window.localStorage.clear();
  });

  it('switches the whole page to Simplified Chinese and back, keeping the page and its data', async () => {
    const { user, router } = renderApp(PAGE);
    await screen.findAllByTestId('task-row');
    const select = screen.getByRole('combobox', { name: 'Language' });
    expect(select).toHaveValue('en');
    expect(within(select).getByRole('option', { name: '简体中文' })).toHaveAttribute('lang', 'zh-CN');

    await user.selectOptions(select, '简体中文');
    const chinese = await screen.findByRole('combobox', { name: '语言' });
    expect(chinese).toHaveValue('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(window.localStorage.getItem('dcs-console.locale')).toBe('zh-CN');
    expect(screen.getByRole('combobox', { name: '主题' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '目标' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: '主导航' })).toHaveTextContent('DCS 数据迁移控制台');
    expect(screen.getByTestId('demo-banner')).toHaveTextContent('模拟数据');
    await waitFor(() => expect(document.title).toMatch(/DCS 数据迁移控制台$/));
    expect(router.state.location.pathname).toBe(PAGE);
    expect(screen.getAllByTestId('task-row').length).toBeGreaterThan(0);

    await user.selectOptions(chinese, 'English');
    expect(await screen.findByRole('combobox', { name: 'Language' })).toHaveValue('en');
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() => expect(document.title).toMatch(/DCS Migration Console$/));
  });

  it('the header’s controls work by keyboard alone', async () => {
    const { user } = renderApp(PAGE);
    await screen.findAllByTestId('task-row');
    const header = screen.getByRole('banner');
    const controls = [
      within(header).getByRole('link', { name: 'DCS Migration Console' }),
      within(header).getByRole('link', { name: 'Overview' }),
      within(header).getByRole('link', { name: 'Activity' }),
      within(header).getByRole('combobox', { name: 'Target' }),
      within(header).getByRole('combobox', { name: 'Language' }),
      within(header).getByRole('combobox', { name: 'Theme' }),
    ];
    screen.getByRole('link', { name: 'DCS Migration Console' }).focus();
    for (const control of controls.slice(1)) {
      await user.tab();
      expect(document.activeElement).toBe(control);
    }
  });
});
