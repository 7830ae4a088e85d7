// Options and the `npm run simulator` entry point.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SIMULATOR_DEFAULTS, simulatorOptionsFromEnv, startSimulator } from './index';

describe('simulatorOptionsFromEnv', () => {
  it('returns no options for an empty environment, and treats empty strings as unset', () => {
    expect(simulatorOptionsFromEnv({})).toEqual({});
    expect(simulatorOptionsFromEnv({ SIMULATOR_PORT: '', SIMULATOR_TASKS: '  ' })).toEqual({});
  });

  it('reads every variable', () => {
    const env = {
      SIMULATOR_HOST: '0.0.0.0',
      SIMULATOR_PORT: '9000',
      SIMULATOR_PROJECT_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      SIMULATOR_AK: 'MYAK',
      SIMULATOR_SK: 'my secret, with spaces',
      SIMULATOR_TASKS: '500',
      SIMULATOR_SEED: '7',
      SIMULATOR_STOP_DELAY_MS: '0',
    };
    expect(simulatorOptionsFromEnv(env)).toEqual({
      host: '0.0.0.0',
      port: 9000,
      projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      ak: 'MYAK',
      sk: 'my secret, with spaces',
      tasks: 500,
      seed: 7,
      stopDelayMs: 0,
    });
  });

  it.each([
    ['SIMULATOR_PORT', 'abc'],
    ['SIMULATOR_PORT', '70000'],
    ['SIMULATOR_PORT', '-1'],
    ['SIMULATOR_PROJECT_ID', 'not-a-project'],
    ['SIMULATOR_PROJECT_ID', '5D3A0F9E8C7B4A6D9E2F1C0B8A7D6E5F'],
    ['SIMULATOR_AK', 'has space'],
    ['SIMULATOR_TASKS', '1e3'],
    ['SIMULATOR_TASKS', '100001'],
    ['SIMULATOR_SEED', '1.5'],
    ['SIMULATOR_STOP_DELAY_MS', 'soon'],
    ['SIMULATOR_HOST', 'bad host'],
  ])('rejects %s=%j with one line naming the variable', (name, value) => {
    expect(() => simulatorOptionsFromEnv({ [name]: value })).toThrowError(new RegExp(`^${name} must be [^\\n]+$`));
  });

  it('never repeats a credential in the error', () => {
    expect(() => simulatorOptionsFromEnv({ SIMULATOR_AK: 'SECRET,AK' })).toThrowError(/^SIMULATOR_AK must be/);
    expect(() => simulatorOptionsFromEnv({ SIMULATOR_AK: 'SECRET,AK' })).not.toThrowError(/SECRET/);
  });
});

describe('startSimulator', () => {
  it('has the documented defaults', () => {
    expect(SIMULATOR_DEFAULTS).toEqual({
      host: '127.0.0.1',
      port: 8081,
      projectId: '5d3a0f9e8c7b4a6d9e2f1c0b8a7d6e5f',
      ak: 'SIMULATORAK000000001',
      sk: 'simulator-secret-key-not-for-production',
      tasks: 24,
      seed: 42,
      stopDelayMs: 8000,
    });
  });

  it('rejects invalid options and binds a free port for port 0', async () => {
    await expect(startSimulator({ port: 0, projectId: 'xyz' })).rejects.toThrow(/option projectId must be 32 lower-case hex/);
    const sim = await startSimulator({ port: 0, tasks: 3 });
    try {
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
      expect(sim.port).toBeGreaterThan(0);
      expect(sim).toMatchObject({ projectId: SIMULATOR_DEFAULTS.projectId, ak: SIMULATOR_DEFAULTS.ak, sk: SIMULATOR_DEFAULTS.sk });
    } finally {
      await sim.close();
    }
    await expect(fetch(`${sim.url}/__simulator/info`)).rejects.toThrow();
  });
});

describe('npm run simulator (main.ts)', () => {
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));

  function run(env: Record<string, string>) {
    const child = spawn(tsx, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, out: () => stdout, err: () => stderr };
  }

  it('exits 1 with one clear line on a bad variable', async () => {
    const p = run({ SIMULATOR_PORT: 'eighty' });
    expect(await p.exited).toBe(1);
    expect(p.err().trim().split('\n')).toHaveLength(1);
    expect(p.err()).toMatch(/SIMULATOR_PORT must be an integer/);
  }, 20_000);

  it('prints URL, project and AK (never the SK) and exits 0 on SIGTERM', async () => {
    const p = run({ SIMULATOR_PORT: '0', SIMULATOR_SK: 'sk-that-must-not-be-printed' });
    for (let i = 0; i < 200 && !p.out().includes('\n'); i++) await new Promise((r) => setTimeout(r, 50));
    const line = p.out().trim();
    expect(line).toMatch(/^DCS simulator listening on http:\/\/127\.0\.0\.1:\d+ \(project 5d3a0f9e8c7b4a6d9e2f1c0b8a7d6e5f, AK SIMULATORAK000000001\)$/);
    expect(line).not.toContain('sk-that-must-not-be-printed');
    const url = /http:\/\/[\d.:]+/.exec(line)?.[0];
    expect((await fetch(`${url}/__simulator/info`)).status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.err()).toBe('');
  }, 20_000);
});
