import type { Catalog } from '../en';

export const batch: Catalog['batch'] = {
  selectTask: '选择 {name}',
  selectAllOnPage: '选择本页所有可停止的任务',
  blockedStatus: '不可选择：处于{label}（{status}）状态的任务无法停止。',
  blockedStopping: '不可选择：正在跟踪该任务的停止操作。',
  blockedOutcomeUnknown: '不可选择：正在确认上一次停止是否已生效。',
  selectHint: '勾选可停止的任务，即可批量停止。',
  selectedCount: { other: '已选择 {count} 个' },
  clearSelection: '取消选择',
  stopSelected: { other: '停止 {count} 个任务' },
};
