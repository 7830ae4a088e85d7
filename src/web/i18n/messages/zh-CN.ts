// The Simplified Chinese catalogue (loaded on demand). Typed as the English one: a missing or
// extra key fails the type check.
import type { Catalog } from './en';
import { common } from './zh-CN/common';
import { shell } from './zh-CN/shell';
import { session } from './zh-CN/session';
import { targets } from './zh-CN/targets';
import { audit } from './zh-CN/audit';
import { errors } from './zh-CN/errors';
import { list } from './zh-CN/list';
import { batch } from './zh-CN/batch';
import { batchDialog } from './zh-CN/batch-dialog';
import { task } from './zh-CN/task';
import { stop } from './zh-CN/stop';
import { stopDialog } from './zh-CN/stop-dialog';
import { taskPage } from './zh-CN/task-page';
import { overview } from './zh-CN/overview';

export const zhCN: Catalog = { common, shell, session, targets, audit, errors, list, batch, batchDialog, task, taskPage, stop, stopDialog, overview };
