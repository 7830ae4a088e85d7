// The binding of the `stopDialog` namespace (the stop dialog, loaded on demand). Its English comes
// with this module, so the first download does not carry it: the dialog's modules take their texts
// from here (useStopDialogT), which registers the English before anything renders. The generic
// useT('stopDialog') does not type-check.
import { onDemandNamespace } from '../../../i18n';
import { stopDialog } from '../../../i18n/messages/en/stop-dialog';

export const { useT: useStopDialogT, translate: translateStopDialog } = onDemandNamespace('stopDialog', stopDialog);
