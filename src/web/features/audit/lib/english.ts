// The binding of the `audit` namespace (the activity, the task page's last stop). Its English comes
// with this module, so the first download does not carry it: every module of this feature that
// shows text takes its texts from here (useAuditT / translateAudit), which registers the English
// before anything renders. The generic useT('audit') does not type-check.
import { onDemandNamespace } from '../../../i18n';
import { audit } from '../../../i18n/messages/en/audit';

export const { useT: useAuditT, translate: translateAudit } = onDemandNamespace('audit', audit);
