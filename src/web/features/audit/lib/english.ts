// The activity and the task page's last stop bring the English of the `audit` namespace with them,
// so the first download does not carry it. Imported (for this effect) by every module of this
// feature that shows text, so the messages are registered before anything renders.
import { registerEnglish } from '../../../i18n';
import { audit } from '../../../i18n/messages/en/audit';

registerEnglish('audit', audit);
