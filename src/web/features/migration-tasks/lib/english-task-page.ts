// The binding of the `taskPage` namespace (the task page, loaded on demand). Its English comes with
// this module, so the first download does not carry it: the page's modules take their texts from
// here (useTaskPageT / translateTaskPage), which registers the English before anything renders.
// The generic useT('taskPage') does not type-check.
import { onDemandNamespace } from '../../../i18n';
import { taskPage } from '../../../i18n/messages/en/task-page';

export const { useT: useTaskPageT, translate: translateTaskPage } = onDemandNamespace('taskPage', taskPage);
