// The DCS service routes of the simulator over real HTTP: list, detail, stats.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_TASK_STATUSES } from '../dcs/status';
import type { DcsErrorBody } from '../dcs/errors';
import type { DcsListMigrationTasksResponse, DcsMigrationTask, DcsMigrationTaskStats } from '../dcs/types';
import { startSimulator, type RunningSimulator } from './index';
import type { SimTask } from './model';
import { control, dcsClient } from './testing';

const T0 = Date.parse('2025-01-15T08:30:00.000Z');
let clock = T0;
let sim: RunningSimulator;
let dcs: ReturnType<typeof dcsClient>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => clock, stopDelayMs: 5000 });
  dcs = dcsClient(sim, () => clock);
});
afterAll(() => sim.close());
beforeEach(async () => {
  clock = T0;
  expect((await control(sim, 'POST', '/reset')).status).toBe(200);
});

const SEEDED_STATUSES = MIGRATION_TASK_STATUSES.filter((s) => s !== 'INCRMIGRATING');

describe('GET /migration-tasks', () => {
  it('returns the first page, newest first, with count of all tasks and no passwords', async () => {
    const res = await dcs.get<DcsListMigrationTasksResponse>('/migration-tasks');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.count).toBe(24);
    const tasks = res.body.migration_tasks ?? [];
    expect(tasks).toHaveLength(10);
    const created = tasks.map((t) => t.created_at ?? '');
    for (const c of created) expect(c).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect([...created].sort().reverse()).toEqual(created);
    expect(JSON.stringify(res.body)).not.toContain('password');
  });

  it('pages with offset and limit consistently with one big page', async () => {
    const all = await dcs.allTasks();
    expect(all).toHaveLength(24);
    const pages = [];
    for (let offset = 0; offset < 24; offset += 7) {
      const res = await dcs.get<DcsListMigrationTasksResponse>('/migration-tasks', { query: { offset, limit: 7 } });
      expect(res.body.count).toBe(24);
      pages.push(...(res.body.migration_tasks ?? []));
    }
    expect(pages.map((t) => t.task_id)).toEqual(all.map((t) => t.task_id));
    const past = await dcs.get<DcsListMigrationTasksResponse>('/migration-tasks', { query: { offset: 500 } });
    expect(past.body).toEqual({ count: 24, migration_tasks: [] });
  });

  it('filters by a case-sensitive substring of the name; count is the number of matches', async () => {
    const all = await dcs.allTasks();
    const needle = (all[3]?.task_name ?? '').slice(4, 9);
    const expected = all.filter((t) => (t.task_name ?? '').includes(needle));
    const res = await dcs.get<DcsListMigrationTasksResponse>('/migration-tasks', { query: { name: needle, limit: 2 } });
    expect(res.body.count).toBe(expected.length);
    expect(res.body.migration_tasks?.map((t) => t.task_id)).toEqual(expected.slice(0, 2).map((t) => t.task_id));
    const upper = await dcs.get<DcsListMigrationTasksResponse>('/migration-tasks', { query: { name: 'MIG-' } });
    expect(upper.body.count).toBe(0);
    const spaced = await dcs.get<DcsListMigrationTasksResponse>('/migration-tasks', { query: { name: 'no such task' } });
    expect(spaced.status).toBe(200);
    expect(spaced.body.count).toBe(0);
  });

  it.each([
    ['offset', '-1'],
    ['offset', 'abc'],
    ['limit', '0'],
    ['limit', '1001'],
    ['limit', '5.5'],
    ['limit', ''],
  ])('rejects %s=%j with 400 DCS.4800', async (param, value) => {
    const res = await dcs.get<DcsErrorBody>('/migration-tasks', { query: { [param]: value } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error_code: 'DCS.4800', error_msg: `Invalid ${param}.`, error_ext_msg: null });
  });

  it('accepts limit 1000 and a trailing slash', async () => {
    const res = await dcs.get<DcsListMigrationTasksResponse>('/migration-tasks/', { query: { limit: 1000 } });
    expect(res.status).toBe(200);
    expect(res.body.migration_tasks).toHaveLength(24);
  });

  it('seeds every status, both types and methods, self-hosted sources and failures with messages', async () => {
    const all = await dcs.allTasks();
    expect(new Set(all.map((t) => t.status))).toEqual(new Set(SEEDED_STATUSES));
    expect(all.filter((t) => t.status === 'INCRMIGEATING').length).toBeGreaterThanOrEqual(3);
    expect(all.filter((t) => t.status === 'FULLMIGRATING' || t.status === 'MIGRATING').length).toBeGreaterThanOrEqual(2);
    expect(new Set(all.map((t) => t.migration_type))).toEqual(new Set(['online_migration', 'backupfile_import']));
    expect(new Set(all.map((t) => t.migration_method))).toEqual(new Set(['full_amount_migration', 'incremental_migration']));
    const selfHosted = all.find((t) => t.migration_type === 'online_migration' && t.source_instance_id === '');
    expect(selfHosted?.data_source).toMatch(/^192\.168\.\d+\.\d+:\d+$/);
    expect(selfHosted?.source_instance_name).toBe('');
    for (const t of all) {
      const failed = t.status === 'FAILED' || t.status === 'MIGRATION_FAILED';
      expect(Boolean(t.error_message)).toBe(failed);
    }
    expect(all.some((t) => /^[0-9a-f]{32}$/.test(t.task_id ?? ''))).toBe(true);
    expect(all.some((t) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(t.task_id ?? ''))).toBe(true);
  });
});

describe('GET /migration-task/{id}', () => {
  it('returns the detail of an online task with plaintext passwords matching the stored task', async () => {
    const item = await dcs.taskWith('INCRMIGEATING');
    const res = await dcs.get<DcsMigrationTask>(`/migration-task/${item.task_id}`);
    expect(res.status).toBe(200);
    const raw = (await control<SimTask>(sim, 'GET', `/tasks/${item.task_id}`)).body;
    expect(res.body.source_instance?.password).toBe(raw.source?.password);
    expect(res.body.target_instance?.password).toBe(raw.target?.password);
    expect(res.body.source_instance?.password).toMatch(/^Src-[a-z0-9]{12}$/);
    expect(res.body.target_instance?.addrs).toBe(item.target_instance_addrs);
    expect(res.body).toMatchObject({
      task_id: item.task_id,
      task_name: item.task_name,
      status: 'INCRMIGEATING',
      migration_type: 'online_migration',
      migration_method: 'incremental_migration',
      created_at: item.created_at,
      updated_at: null,
      network_type: expect.stringMatching(/^(vpc|vpn)$/),
      tenant_vpc_id: expect.any(String),
      tenant_subnet_id: expect.any(String),
      tenant_security_group_id: expect.any(String),
      bandwidth_limit_mb: expect.stringMatching(/^\d+$/),
      version: item.version,
      resume_mode: item.resume_mode,
      supported_features: [],
      task_status: null,
    });
    expect(res.body).toHaveProperty('released_at');
    expect(res.body).not.toHaveProperty('backup_files');
  });

  it('shows backup files for imports from OBS and from backup records', async () => {
    const imports = (await dcs.allTasks()).filter((t) => t.migration_type === 'backupfile_import');
    const details = await Promise.all(imports.map((t) => dcs.get<DcsMigrationTask>(`/migration-task/${t.task_id}`)));
    const sources = details.map((d) => d.body.backup_files?.file_source);
    expect(sources).toContain('self_build_obs');
    expect(sources).toContain('backup_record');
    for (const { body } of details) {
      expect(body.source_instance).toBeNull();
      expect(body.target_instance?.password).toMatch(/^Tgt-/);
      const files = body.backup_files?.files ?? [];
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        expect(f.size).toMatch(/^\d+$/);
        expect(f.update_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      }
      if (body.backup_files?.file_source === 'backup_record') expect(body.backup_files.backup_id).toEqual(expect.any(String));
      else expect(body.backup_files?.bucket_name).toEqual(expect.any(String));
    }
  });

  it('answers 400 DCS.4133 for an unknown task and DCS.4070 for a malformed id', async () => {
    for (const sub of ['', '/stats', '/stop']) {
      const method = sub === '/stop' ? 'POST' : 'GET';
      const unknown = await dcs.call<DcsErrorBody>(method, `/migration-task/0b1c2d3e-0000-4000-8000-000000000000${sub}`);
      expect(unknown.status).toBe(400);
      expect(unknown.body).toEqual({ error_code: 'DCS.4133', error_msg: 'The migration task does not exist.', error_ext_msg: null });
      for (const bad of ['abc_def', 'x'.repeat(65), 'a%20b']) {
        const res = await dcs.call<DcsErrorBody>(method, `/migration-task/${bad}${sub}`);
        expect(res.status, `${method} ${bad}${sub}`).toBe(400);
        expect(res.body.error_code).toBe('DCS.4070');
      }
    }
  });
});

describe('GET /migration-task/{id}/stats', () => {
  const num = (v: unknown) => Number(v as string);

  it('full sync progress grows toward 100 while migrating', async () => {
    const task = await dcs.taskWith('FULLMIGRATING');
    const first = (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${task.task_id}/stats`)).body;
    for (const key of ['full_migration_progress', 'offset', 'source_dbsize', 'target_dbsize', 'target_input_kbps', 'target_ops']) {
      expect(first[key], key).toMatch(/^\d+$/);
    }
    expect(first.is_migrating).toBe(true);
    expect(num(first.target_ops)).toBeGreaterThan(0);
    expect(num(first.target_input_kbps)).toBeGreaterThan(0);
    clock += 10 * 60_000;
    const later = (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${task.task_id}/stats`)).body;
    expect(num(later.full_migration_progress)).toBeGreaterThan(num(first.full_migration_progress));
    expect(num(later.target_dbsize)).toBeGreaterThan(num(first.target_dbsize));
    clock += 10 * 60 * 60_000;
    const much = (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${task.task_id}/stats`)).body;
    expect(num(much.full_migration_progress)).toBe(99);
  });

  it('incremental offset stays small and moves; stats freeze at zero traffic once stopped', async () => {
    const task = await dcs.taskWith('INCRMIGEATING');
    const offsets = new Set<string>();
    for (let i = 0; i < 8; i++) {
      clock += 1000;
      const s = (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${task.task_id}/stats`)).body;
      expect(s.full_migration_progress).toBe('100');
      expect(s.is_migrating).toBe(true);
      expect(num(s.offset)).toBeLessThan(150);
      expect(num(s.source_dbsize) - num(s.target_dbsize)).toBe(num(s.offset));
      expect(num(s.target_ops)).toBeGreaterThan(0);
      offsets.add(String(s.offset));
    }
    expect(offsets.size).toBeGreaterThan(1);
    await dcs.post(`/migration-task/${task.task_id}/stop`);
    const stopped = (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${task.task_id}/stats`)).body;
    expect(stopped).toMatchObject({ is_migrating: false, target_ops: '0', target_input_kbps: '0', offset: '0' });
    expect(stopped.target_dbsize).toBe(stopped.source_dbsize);
  });

  it('shows a finished task as not migrating and refuses stats for backup imports', async () => {
    const done = await dcs.taskWith('TERMINATED');
    const s = (await dcs.get<DcsMigrationTaskStats>(`/migration-task/${done.task_id}/stats`)).body;
    expect(s).toMatchObject({ is_migrating: false, target_ops: '0', target_input_kbps: '0' });
    const imported = await dcs.taskWith('MIGRATING', 'backupfile_import');
    const res = await dcs.get<DcsErrorBody>(`/migration-task/${imported.task_id}/stats`);
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('DCS.4957');
  });
});
