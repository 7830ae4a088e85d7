// The English catalogue, one file per area of the UI (en/<namespace>.ts); the source of truth
// for keys. Every other language must give every key (TypeScript checks it: see zh-CN.ts).
// Namespaces used only by pages loaded on demand (OnDemandNamespace) are not in the first download:
// each has one binding, made by onDemandNamespace (see translate.ts), in the module that brings its
// English, and is reached only through it (useT/translate refuse them): `audit` (the activity, the
// task page's last stop) in features/audit/lib/english.ts; `taskPage` (the task page) and
// `stopDialog` (the stop dialog) in features/migration-tasks/lib/english-*.ts; `batchDialog` (the
// batch stop dialog) in features/migration-tasks/components/batch-stop/english.ts; `overview` (the
// overview) in features/overview/lib/english.ts.
import type { audit } from './en/audit';
import type { batchDialog } from './en/batch-dialog';
import type { overview } from './en/overview';
import type { stopDialog } from './en/stop-dialog';
import type { taskPage } from './en/task-page';
import { common } from './en/common';
import { shell } from './en/shell';
import { session } from './en/session';
import { targets } from './en/targets';
import { errors } from './en/errors';
import { list } from './en/list';
import { batch } from './en/batch';
import { task } from './en/task';
import { stop } from './en/stop';
import type { Message } from './message';

export type { Message, Messages, PluralMessage } from './message';

/** The English of the first download. */
export const en = { common, shell, session, targets, errors, list, batch, task, stop };

type English = typeof en & {
  audit: typeof audit;
  taskPage: typeof taskPage;
  stopDialog: typeof stopDialog;
  batchDialog: typeof batchDialog;
  overview: typeof overview;
};
/** Namespaces whose English comes with the pages that use them. */
export type OnDemandNamespace = Exclude<keyof English, keyof typeof en>;
export type Catalog = { [N in keyof English]: { [K in keyof English[N]]: Message } };
