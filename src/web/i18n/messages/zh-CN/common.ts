import type { Catalog } from '../en';

export const common: Catalog['common'] = {
  loading: '加载中…',
  retry: '重试',
  reloadPage: '刷新页面',
  cancel: '取消',
  closeNotification: '关闭通知',
  id: 'ID',
  copyValue: '复制{label} {value}',
  copied: '已复制',
  copiedValue: '{label}已复制到剪贴板',
  justNow: '刚刚',
  ageSeconds: '{seconds} 秒',
  ageMinutes: '{minutes} 分 {seconds} 秒',
  ageHours: '{hours} 小时 {minutes} 分',
  exactWithCloudValue: '{exact}（云端原始值：{raw}）',
  cloudValue: '云端原始值：{raw}',
};
