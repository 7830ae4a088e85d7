import { safeReturnTo, signInUrl } from './sign-in';

describe('signInUrl', () => {
  it('is /auth/login with return_to = the page, encoded', () => {
    expect(signInUrl('/auth/login', '/targets/sim-region-1?name=orders')).toBe(
      '/auth/login?return_to=%2Ftargets%2Fsim-region-1%3Fname%3Dorders',
    );
    expect(signInUrl(undefined, '/activity')).toBe('/auth/login?return_to=%2Factivity');
  });

  it('appends return_to to another login URL the server names', () => {
    expect(signInUrl('/sso/start', '/activity')).toBe('/sso/start?return_to=%2Factivity');
    expect(signInUrl('/sso/start?tenant=a', '/activity')).toBe('/sso/start?tenant=a&return_to=%2Factivity');
    expect(signInUrl('/sso/start?return_to=%2Fx', '/activity')).toBe('/sso/start?return_to=%2Fx');
  });

  it('never returns to another origin or into the sign-in routes', () => {
    expect(safeReturnTo('//evil.example/x')).toBe('/');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('https://evil.example')).toBe('/');
    expect(safeReturnTo('/auth/callback?code=1')).toBe('/');
    expect(safeReturnTo('/targets/a/tasks/b')).toBe('/targets/a/tasks/b');
  });
});
