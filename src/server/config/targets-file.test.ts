import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './index';

const dir = mkdtempSync(join(tmpdir(), 'dcs-targets-'));
let n = 0;
function file(content: unknown): string {
  const path = join(dir, `targets-${n++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const sg = { id: 'sg-prod', label: 'Singapore production', endpoint: 'https://dcs.ap-southeast-1.myhuaweicloud.com', project_id: 'a'.repeat(32), credentials: { ak_env: 'SG_AK', sk_env: 'SG_SK' } };
const cn = { id: 'cn-north', endpoint: 'https://dcs.cn-north-4.myhuaweicloud.com', project_id: 'b'.repeat(32), credentials: { token_env: 'CN_TOKEN' } };
const env = { SG_AK: 'AK1', SG_SK: 'SK-secret-1', CN_TOKEN: 'iam-token-2', AUTH_MODE: 'none' };

describe('DCS_TARGETS_FILE', () => {
  it('reads several targets, each with the credentials its variables name', () => {
    const targets = loadConfig({ ...env, DCS_TARGETS_FILE: file({ targets: [sg, cn] }) }).targets!;
    expect(targets.map((t) => [t.id, t.label, t.region])).toEqual([
      ['sg-prod', 'Singapore production', 'ap-southeast-1'],
      ['cn-north', 'cn-north-4 (cn-north)', 'cn-north-4'],
    ]);
    expect(targets[0]!.auth).toEqual({ kind: 'aksk', ak: 'AK1', sk: 'SK-secret-1' });
    expect(targets[1]!.auth).toEqual({ kind: 'token', token: 'iam-token-2' });
  });

  it('"default" credentials use the HUAWEICLOUD_SDK_* variables, with a security token', () => {
    const targets = loadConfig({
      HUAWEICLOUD_SDK_AK: 'A',
      HUAWEICLOUD_SDK_SK: 'S',
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'T',
      AUTH_MODE: 'none',
      DCS_TARGETS_FILE: file([{ ...sg, credentials: 'default' }]),
    }).targets!;
    expect(targets[0]!.auth).toEqual({ kind: 'aksk', ak: 'A', sk: 'S', securityToken: 'T' });
  });

  it.each([
    [{ targets: [] }, /^DCS_TARGETS_FILE: .*at least one target/],
    ['{not json', /^DCS_TARGETS_FILE: .*not valid JSON/],
    [{ targets: [sg, sg] }, /^DCS_TARGETS_FILE targets\[1\]\.id: "sg-prod" is used twice/],
    [{ targets: [{ ...sg, id: 'Bad Id' }] }, /^DCS_TARGETS_FILE targets\[0\]\.id: /],
    [{ targets: [{ ...sg, endpoint: 'http://dcs.example.com' }] }, /^DCS_TARGETS_FILE targets\[0\]\.endpoint: plain http/],
    [{ targets: [{ ...sg, project_id: 'x' }] }, /^DCS_TARGETS_FILE targets\[0\]\.project_id: must be 32/],
    [{ targets: [{ ...sg, credentials: { ak_env: 'NOPE_AK', sk_env: 'SG_SK' } }] }, /credentials\.ak_env: environment variable NOPE_AK is not set/],
    [{ targets: [{ ...sg, credentials: { sk: 'inline-secret' } }] }, /credentials\.sk: secrets do not belong in the targets file/],
  ])('refuses a bad file with one line naming the place: %j', (content, message) => {
    let error: Error | undefined;
    try {
      loadConfig({ ...env, DCS_TARGETS_FILE: file(content) });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
    expect(error?.message).not.toMatch(/SK-secret-1|inline-secret|iam-token-2/);
  });

  it('refuses a missing file and the file together with DCS_ENDPOINT', () => {
    expect(() => loadConfig({ DCS_TARGETS_FILE: join(dir, 'missing.json') })).toThrow(/file not found/);
    expect(() => loadConfig({ DCS_TARGETS_FILE: file([sg]), DCS_ENDPOINT: sg.endpoint })).toThrow(/^DCS_TARGETS_FILE: is set together with DCS_ENDPOINT/);
  });
});
