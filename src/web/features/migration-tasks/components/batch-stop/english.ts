// The batch stop dialog brings the English of its `batchDialog` namespace with it, so the first
// download does not carry it. Imported (for this effect) by every module of the dialog that shows text.
import { registerEnglish } from '../../../../i18n';
import { batchDialog } from '../../../../i18n/messages/en/batch-dialog';

registerEnglish('batchDialog', batchDialog);
