import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const cloud = {
  DCS_ENDPOINT: 'https://dcs.ap-southeast-1.myhuaweicloud.com',
  DCS_PROJECT_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  HUAWEICLOUD_SDK_AK: 'AKEXAMPLE',
  HUAWEICLOUD_SDK_SK: 'very-secret-sk-value',
};

describe('loadConfig', () => {
  it('defaults to loopback:8080 with the embedded simulator', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, targets: null });
  });

  it('reads a cloud target with AK/SK, taking the region from the endpoint', () => {
    const config = loadConfig(cloud);
    expect(config.targets?.[0]).toMatchObject({ id: 'default', projectId: cloud.DCS_PROJECT_ID, region: 'ap-southeast-1', auth: { kind: 'aksk', ak: 'AKEXAMPLE' } });
  });

  it('accepts the CLOUD_SDK_* aliases, a security token, and IAM token auth', () => {
    const aliases = { ...cloud, HUAWEICLOUD_SDK_AK: '', HUAWEICLOUD_SDK_SK: '', CLOUD_SDK_AK: 'A2', CLOUD_SDK_SK: 'S2', HUAWEICLOUD_SDK_SECURITY_TOKEN: 'T' };
    expect(loadConfig(aliases).targets?.[0]?.auth).toEqual({ kind: 'aksk', ak: 'A2', sk: 'S2', securityToken: 'T' });
    const token = { DCS_ENDPOINT: cloud.DCS_ENDPOINT, DCS_PROJECT_ID: cloud.DCS_PROJECT_ID, DCS_AUTH_TOKEN: 'iam-token' };
    expect(loadConfig(token).targets?.[0]?.auth).toEqual({ kind: 'token', token: 'iam-token' });
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: must be a whole number/],
    [{ PORT: '70000' }, /^PORT: must be between/],
    [{ HOST: 'example.com' }, /^HOST: /],
    [{ ...cloud, DCS_ENDPOINT: 'not a url' }, /^DCS_ENDPOINT: is not a URL/],
    [{ ...cloud, DCS_ENDPOINT: 'http://dcs.ap-southeast-1.myhuaweicloud.com' }, /^DCS_ENDPOINT: plain http:\/\/ is allowed only for loopback/],
    [{ ...cloud, DCS_ENDPOINT: 'https://dcs.ap-southeast-1.myhuaweicloud.com/v2' }, /^DCS_ENDPOINT: must be the bare endpoint/],
    [{ ...cloud, DCS_PROJECT_ID: 'abc' }, /^DCS_PROJECT_ID: must be 32/],
    [{ ...cloud, DCS_PROJECT_ID: '' }, /^DCS_PROJECT_ID: is required/],
    [{ ...cloud, HUAWEICLOUD_SDK_SK: '' }, /^HUAWEICLOUD_SDK_SK: is missing/],
    [{ ...cloud, DCS_AUTH_TOKEN: 'tok' }, /^DCS_AUTH_TOKEN: is set together with an AK\/SK/],
    [{ ...cloud, DCS_ENDPOINT: 'https://dcs.internal.example', DCS_REGION: '' }, /^DCS_REGION: is required/],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).not.toContain('very-secret-sk-value');
    }
  });

  it('allows plain http only to loopback (the simulator)', () => {
    expect(loadConfig({ ...cloud, DCS_ENDPOINT: 'http://127.0.0.1:8081', DCS_REGION: 'sim' }).targets?.[0]?.endpoint.port).toBe('8081');
  });
});
