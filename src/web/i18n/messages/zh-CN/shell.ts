import type { Catalog } from '../en';

export const shell: Catalog['shell'] = {
  appName: 'DCS 数据迁移控制台',
  mainNav: '主导航',
  overview: '总览',
  activity: '操作记录',
  theme: '主题',
  themeAuto: '跟随系统',
  themeLight: '浅色',
  themeDark: '深色',
  language: '语言',
  languageLoadFailed: '无法加载该语言，请检查网络连接后重试。',
  sessionLoadFailed: '无法加载您的会话',
  sessionRefreshFailed: '无法刷新您的会话',
  sessionWhat: '会话信息',
  notFoundTitle: '页面不存在',
  notFoundText: '{path} 没有对应的页面。',
  goToTasks: '前往迁移任务列表',
  pageFailed: '页面出错',
};
