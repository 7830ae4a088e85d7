import type { Catalog } from '../en';

export const targets: Catalog['targets'] = {
  target: '目标',
  chooseTarget: '请选择目标',
  loadingTargets: '正在加载目标…',
  targetsUnavailable: '目标不可用',
  region: '区域',
  project: '项目',
  endpoint: '终端节点 {host}',
  demoBanner: '模拟数据：本控制台连接的是内置的 DCS 模拟器，而不是华为云。',
  noTargetsTitle: '未配置目标',
  noTargetsText: '控制台尚未配置任何 DCS 区域或项目，请联系管理员。',
  loadFailed: '无法加载控制台的目标',
  refreshFailed: '无法刷新控制台的目标',
  unknownTitle: '未知目标 {id}',
  unknownDocumentTitle: '未知目标',
  unknownText: '本控制台没有名为 {id} 的目标。链接可能已过期，或该目标已从控制台配置中移除。',
  emptyId: '（空）',
  configuredTargets: '已配置的目标：',
  configuredTargetsList: '已配置的目标',
  noneConfigured: '未配置任何目标。',
};
