// Two DCS targets, as the console serves them in its demo, each with its own tasks. Region 2
// reuses one of region 1's task ids on purpose: caches and requests must never mix targets.
import type { MigrationTask, Target } from '../../../api';
import { backupImport, ids, online } from './data';

export const TARGET_1 = 'sim-region-1';
export const TARGET_2 = 'sim-region-2';

export const targets: Target[] = [
  {
    id: TARGET_1,
    label: 'Simulated region 1',
    region: 'ap-southeast-1',
    project_id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    endpoint_host: 'dcs.ap-southeast-1.myhuaweicloud.com',
    simulated: true,
  },
  {
    id: TARGET_2,
    label: 'Simulated region 2',
    region: 'eu-west-101',
    project_id: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    endpoint_host: 'dcs.eu-west-101.myhuaweicloud.eu',
    simulated: true,
  },
];

export const ids2 = {
  inventory: 'e1d2c3b4-a5f6-4e7d-8c9b-0a1b2c3d4e5f',
  archive: 'f0e1d2c3-b4a5-4f6e-9d8c-7b6a5f4e3d2c',
  importing: 'ab12cd34ef56ab78cd90ef12ab34cd56',
  /** The same id as region 1's incremental task, a different task. */
  shared: ids.incremental,
} as const;

export function buildRegion2Tasks(): MigrationTask[] {
  return [
    online(ids2.inventory, 'mig-eu-inventory', 'INCRMIGEATING', 'incremental_migration', 31),
    online(ids2.archive, 'mig-eu-archive', 'SUCCESS', 'full_amount_migration', 32),
    backupImport(ids2.importing, 'import-eu-sessions', 'MIGRATING', 33),
    online(ids2.shared, 'mig-eu-orders-cache', 'FULLMIGRATING', 'full_amount_migration', 34),
  ];
}
