// The binding of the `batchDialog` namespace (the batch stop dialog, its report and notifications).
// Its English comes with this module, so the first download does not carry it: every module of the
// dialog that shows text takes its texts from here (useBatchDialogT / translateBatchDialog), which
// registers the English before anything renders. The generic useT('batchDialog') does not type-check.
import { onDemandNamespace } from '../../../../i18n';
import { batchDialog } from '../../../../i18n/messages/en/batch-dialog';

export const { useT: useBatchDialogT, translate: translateBatchDialog } = onDemandNamespace('batchDialog', batchDialog);
