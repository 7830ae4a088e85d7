import type { Catalog } from '../en';

export const task: Catalog['task'] = {
  status_MIGRATING: '迁移中',
  status_FULLMIGRATING: '全量迁移中',
  status_INCRMIGEATING: '增量迁移中',
  status_INCRMIGRATING: '增量迁移中',
  status_TERMINATING: '停止中',
  status_TERMINATED: '已停止',
  status_SUCCESS: '成功',
  status_FAILED: '失败',
  status_MIGRATION_FAILED: '迁移失败',
  status_RUNNING: '待配置',
  status_RELEASED: '已释放',
  status_DELETED: '已删除',
  statusUnknown: '未知状态',
  noStatus: '（无状态）',
  typeOnline: '在线迁移',
  typeBackupImport: '备份导入',
  methodFull: '全量迁移',
  methodIncremental: '增量迁移',
  networkVpc: 'VPC',
  networkVpn: 'VPN',
};
