// The stop dialog (loaded on demand) brings the English of its texts (`stopDialog`) with it.
import { registerEnglish } from '../../../i18n';
import { stopDialog } from '../../../i18n/messages/en/stop-dialog';

registerEnglish('stopDialog', stopDialog);
